"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { BreakControl } from "@/components/layout/break-control";
import { CallAlertsButton } from "@/components/live/incoming-call";
import { LiveIndicator, useFallbackInterval } from "@/components/live/live-provider";
import { cx } from "@/components/ui/cx";
import { PhoneIcon } from "@/components/ui/phone-icon";
import { signOut as endSession } from "@/lib/queries/session";
import { taskCountsOptions } from "@/lib/queries/tasks";

const ROLE_LABEL = { ADMIN: "Admin", MANAGER: "Manager", AGENT: "Agent" } as const;

export function AppNav({ user, live }: { user: { name: string; email: string; role: keyof typeof ROLE_LABEL }; live: boolean }) {
  const pathname = usePathname();
  const router = useRouter();
  const [signingOut, setSigningOut] = useState(false);
  const counts = useQuery({ ...taskCountsOptions(), refetchInterval: useFallbackInterval(60_000) });
  const due = counts.data?.due ?? 0;
  const links = [
    { href: "/", label: "Home" },
    { href: "/leads", label: "Leads" },
    { href: "/tasks", label: "Tasks", badge: due },
    { href: "/calling", label: "Dialer" },
    ...(user.role !== "AGENT"
      ? [
          { href: "/live", label: "Live" },
          { href: "/dashboard", label: "Dashboard" },
          { href: "/campaigns", label: "Campaigns" },
        ]
      : []),
    ...(user.role === "ADMIN"
      ? [
          { href: "/settings/telephony", label: "Telephony" },
          { href: "/settings/calling", label: "Calling" },
          { href: "/settings/compliance", label: "Compliance" },
          { href: "/settings/users", label: "Users" },
          { href: "/settings/audit", label: "Audit" },
        ]
      : []),
  ];
  const active = (href: string) => (href === "/" ? pathname === "/" : pathname.startsWith(href));

  async function signOut() {
    setSigningOut(true);
    await endSession().catch(() => {});
    router.replace("/sign-in");
    router.refresh();
  }

  return (
    <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-6 px-4 sm:px-6">
        <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
          <span className="flex size-7 items-center justify-center rounded-lg bg-brand-600 text-white">
            <PhoneIcon className="size-4" />
          </span>
          <span className="hidden whitespace-nowrap lg:inline">Smartflo CRM</span>
        </Link>
        <nav aria-label="Main" className="flex items-center gap-1 overflow-x-auto">
          {links.map((l) => (
            <Link
              key={l.href}
              href={l.href}
              aria-current={active(l.href) ? "page" : undefined}
              className={cx(
                "rounded-md px-3 py-1.5 text-sm font-medium",
                active(l.href) ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
              )}
            >
              {l.label}
              {"badge" in l && l.badge ? (
                <>
                  <span
                    className="ml-1.5 rounded-full bg-rose-600 px-1.5 py-0.5 text-xs font-semibold text-white tabular-nums"
                    data-testid="tasks-badge"
                  >
                    {l.badge}
                  </span>
                  <span className="sr-only"> due</span>
                </>
              ) : null}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex shrink-0 items-center gap-3 whitespace-nowrap">
          {live && <LiveIndicator />}
          {live && user.role !== "ADMIN" && <CallAlertsButton />}
          {user.role !== "ADMIN" && <BreakControl />}
          <Link
            href="/settings/account"
            className="hidden rounded-md px-2 py-1 text-right hover:bg-slate-100 sm:block"
            title="Your account"
          >
            <div className="text-sm font-medium text-slate-900" data-testid="current-user">
              {user.name}
            </div>
            <div className="text-xs text-slate-500">{ROLE_LABEL[user.role]}</div>
          </Link>
          <button
            type="button"
            onClick={signOut}
            disabled={signingOut}
            className={cx(
              "rounded-md px-3 py-1.5 text-sm font-medium text-slate-600",
              "ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-60",
            )}
          >
            {signingOut ? "Signing out…" : "Sign out"}
          </button>
        </div>
      </div>
    </header>
  );
}
