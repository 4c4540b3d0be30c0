import type { Metadata, Viewport } from "next";
import { Providers } from "@/components/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Smartflo CRM", template: "%s · Smartflo CRM" },
  description: "Call leads in one click; every call lands on the lead's timeline.",
  icons: { icon: "/favicon.svg" },
};

// Every page is rendered per request: each carries its own CSP nonce (proxy.ts), which a page
// prerendered at build time could not.
export const dynamic = "force-dynamic";

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
