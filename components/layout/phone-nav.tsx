"use client";
// Below desk width: a bottom tab bar within a thumb's reach (Home, Leads, Tasks, Dialer, Menu). The
// menu sheet it opens is phone-menu.tsx, loaded when first opened.
import Link from "next/link";
import { cx } from "@/components/ui/cx";
import { isActive, type NavLink } from "./nav-links";

const TABS = ["/", "/leads", "/tasks", "/calling"];

function TabIcon({ href }: { href: string }) {
  const common = { viewBox: "0 0 24 24", className: "size-5", fill: "none", stroke: "currentColor", strokeWidth: 1.8, "aria-hidden": true };
  const paths: Record<string, string> = {
    "/": "M4 11l8-7 8 7v8a1 1 0 0 1-1 1h-5v-6h-4v6H5a1 1 0 0 1-1-1z",
    "/leads": "M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM3 20a6 6 0 0 1 12 0M16 4.5a3.5 3.5 0 0 1 0 6.5M18 14.5a6 6 0 0 1 3 5.5",
    "/tasks": "M9 6h11M9 12h11M9 18h11M4 6l1 1 2-2M4 12l1 1 2-2M4 18l1 1 2-2",
    "/calling":
      "M6.6 10.8a15 15 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1" +
      " 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.46.57 3.6a1 1 0 0 1-.25 1z",
  };
  return (
    <svg {...common} strokeLinecap="round" strokeLinejoin="round">
      <path d={paths[href] ?? "M4 12h16"} />
    </svg>
  );
}

export function PhoneTabs({ links, due, pathname, onMenu }: { links: NavLink[]; due: number; pathname: string; onMenu: () => void }) {
  const tabs = links.filter((l) => TABS.includes(l.href));
  const tab = "flex min-h-14 flex-1 flex-col items-center justify-center gap-0.5 text-xs font-medium";
  return (
    <nav
      aria-label="Main (phone)"
      className={cx(
        "fixed inset-x-0 bottom-0 z-30 border-t border-slate-200 bg-white/95 backdrop-blur lg:hidden",
        "pb-[env(safe-area-inset-bottom)]",
      )}
    >
      <ul className="mx-auto flex max-w-xl">
        {tabs.map((l) => (
          <li key={l.href} className="flex flex-1">
            <Link
              href={l.href}
              aria-current={isActive(pathname, l.href) ? "page" : undefined}
              className={cx(tab, "relative", isActive(pathname, l.href) ? "text-brand-700" : "text-slate-500 hover:text-slate-900")}
            >
              <TabIcon href={l.href} />
              {l.label}
              {l.href === "/tasks" && due > 0 && (
                <span
                  className={cx(
                    "absolute top-1.5 right-[calc(50%-1.25rem)] rounded-full bg-rose-600 px-1.5",
                    "text-[0.65rem] font-semibold text-white",
                  )}
                  data-testid="tasks-badge-tab"
                >
                  {due}
                  <span className="sr-only"> due</span>
                </span>
              )}
            </Link>
          </li>
        ))}
        <li className="flex flex-1">
          <button type="button" onClick={onMenu} className={cx(tab, "text-slate-500 hover:text-slate-900")} aria-haspopup="dialog">
            <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth={1.8} aria-hidden>
              <path d="M4 7h16M4 12h16M4 17h16" strokeLinecap="round" />
            </svg>
            Menu
          </button>
        </li>
      </ul>
    </nav>
  );
}
