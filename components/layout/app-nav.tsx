"use client";
// The app's navigation. At a desk (lg and up): one bar with the work pages, a Settings menu for
// admins, the break control, call alerts, the account and Sign out. Below that: a slim top bar
// (logo, the break control) and a bottom tab bar with a menu sheet holding everything else.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { BreakControl } from "@/components/layout/break-control";
import { CallAlertsButton } from "@/components/live/call-alerts-button";
import { LiveIndicator, useFallbackInterval } from "@/components/live/live-provider";
import { cx } from "@/components/ui/cx";
import { lazyComponent } from "@/components/ui/lazy";
import { PhoneIcon } from "@/components/ui/phone-icon";
import { signOut as endSession } from "@/lib/queries/session";
import { taskCountsOptions } from "@/lib/queries/tasks";
import { isActive, type Role, settingsLinks, workLinks } from "./nav-links";
import { PhoneTabs } from "./phone-nav";
import { SignOutButton } from "./sign-out-button";

// Loaded when used: the phone menu sheet when first opened, the Settings menu for admins only.
const PhoneMenu = lazyComponent(() => import("./phone-menu").then((m) => m.PhoneMenu));
const SettingsMenu = lazyComponent(() => import("./settings-menu").then((m) => m.SettingsMenu));

const ROLE_LABEL: Record<Role, string> = { ADMIN: "Admin", MANAGER: "Manager", AGENT: "Agent" };

export function AppNav({ user, live }: { user: { name: string; email: string; role: Role }; live: boolean }) {
  const pathname = usePathname();
  const router = useRouter();
  const [signingOut, setSigningOut] = useState(false);
  const [menu, setMenu] = useState(false);
  // The sheet stays mounted once opened (closing is the dialog's own); until then it is not loaded.
  const [menuUsed, setMenuUsed] = useState(false);
  // Any navigation (a link in the sheet, Back) closes it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the page changes.
  useEffect(() => setMenu(false), [pathname]);
  const counts = useQuery({ ...taskCountsOptions(), refetchInterval: useFallbackInterval(60_000) });
  const due = counts.data?.due ?? 0;
  const work = workLinks(user.role);
  const settings = settingsLinks(user.role);

  async function signOut() {
    setSigningOut(true);
    await endSession().catch(() => {});
    router.replace("/sign-in");
    router.refresh();
  }

  return (
    <>
      <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/90 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-4 px-4 sm:px-6">
          <Link href="/" className="flex shrink-0 items-center gap-2 font-semibold text-slate-900" aria-label="Smartflo CRM, home">
            <span className="flex size-7 items-center justify-center rounded-lg bg-brand-600 text-white">
              <PhoneIcon className="size-4" />
            </span>
            <span className="hidden whitespace-nowrap xl:inline">Smartflo CRM</span>
          </Link>
          <nav aria-label="Main" className="hidden items-center gap-1 lg:flex">
            {work.map((l) => (
              <Link
                key={l.href}
                href={l.href}
                aria-current={isActive(pathname, l.href) ? "page" : undefined}
                className={cx(
                  "rounded-md px-2 py-1.5 text-sm font-medium whitespace-nowrap xl:px-3",
                  isActive(pathname, l.href) ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
                )}
              >
                {l.label}
                {l.href === "/tasks" && due > 0 && (
                  <>
                    <span
                      className="ml-1.5 rounded-full bg-rose-600 px-1.5 py-0.5 text-xs font-semibold text-white tabular-nums"
                      data-testid="tasks-badge"
                    >
                      {due}
                    </span>
                    <span className="sr-only"> due</span>
                  </>
                )}
              </Link>
            ))}
            {user.role === "ADMIN" && <SettingsMenu links={settings} pathname={pathname} />}
          </nav>
          <div className="ml-auto flex min-w-0 items-center gap-2 sm:gap-3">
            {live && <LiveIndicator />}
            {live && user.role !== "ADMIN" && (
              <span className="relative hidden lg:block">
                <CallAlertsButton />
              </span>
            )}
            {user.role !== "ADMIN" && <BreakControl />}
            <Link
              href="/settings/account"
              className="hidden rounded-md px-2 py-1 text-right hover:bg-slate-100 lg:block"
              title="Your account"
            >
              <div className="max-w-40 truncate text-sm font-medium text-slate-900" data-testid="current-user">
                {user.name}
              </div>
              <div className="text-xs text-slate-500">{ROLE_LABEL[user.role]}</div>
            </Link>
            <SignOutButton
              onClick={signOut}
              pending={signingOut}
              className="hidden px-3 py-1.5 whitespace-nowrap text-slate-600 lg:block"
            />
          </div>
        </div>
      </header>
      <PhoneTabs
        links={work}
        due={due}
        pathname={pathname}
        onMenu={() => {
          setMenuUsed(true);
          setMenu(true);
        }}
      />
      {menuUsed && (
        <PhoneMenu
          open={menu}
          onClose={() => setMenu(false)}
          work={work}
          settings={settings}
          pathname={pathname}
          user={user}
          roleLabel={ROLE_LABEL[user.role]}
          alerts={live && user.role !== "ADMIN"}
          onSignOut={signOut}
          signingOut={signingOut}
        />
      )}
    </>
  );
}
