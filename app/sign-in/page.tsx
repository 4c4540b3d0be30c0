import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getActor } from "@/lib/auth/actor";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage() {
  if (await getActor(await headers())) redirect("/");
  // Never in production: a sign-in page on the internet does not list accounts.
  const demo = env.NODE_ENV !== "production";
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <div className="mx-auto mb-3 flex size-11 items-center justify-center rounded-xl bg-brand-600 text-white shadow-sm">
            <svg viewBox="0 0 24 24" className="size-6" fill="currentColor" aria-hidden>
              <path d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.46.57 3.6a1 1 0 0 1-.25 1l-2.2 2.2Z" />
            </svg>
          </div>
          <h1 className="text-xl font-semibold text-slate-900">Sign in to Smartflo CRM</h1>
          <p className="mt-1 text-sm text-slate-500">Call leads in one click. Every call lands on the timeline.</p>
        </div>
        <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <Suspense>
            <SignInForm />
          </Suspense>
        </div>
        {demo && (
          <p className="mt-4 text-center text-xs text-slate-500">
            Demo: agent@demo.local, agent2@demo.local, manager@demo.local or admin@demo.local with the demo password.
          </p>
        )}
      </div>
    </main>
  );
}
