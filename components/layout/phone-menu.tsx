"use client";
// Below desk width, the Menu tab's sheet: every page the role may open, the settings, call alerts,
// the account and Sign out. A native <dialog>: focus stays in it, Escape closes it, and so does any
// navigation (app-nav.tsx). Loaded when first opened.
import { CallAlertsButton } from "@/components/live/call-alerts-button";
import { useModalDialog } from "@/components/ui/dialog";
import { XIcon } from "@/components/ui/icons";
import { MenuLink } from "./menu-items";
import type { NavLink } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

export function PhoneMenu({
  open,
  onClose,
  work,
  settings,
  pathname,
  user,
  roleLabel,
  alerts,
  onSignOut,
  signingOut,
}: {
  open: boolean;
  onClose: () => void;
  work: NavLink[];
  settings: NavLink[];
  pathname: string;
  user: { name: string; email: string };
  roleLabel: string;
  alerts: boolean;
  onSignOut: () => void;
  signingOut: boolean;
}) {
  const ref = useModalDialog(open);
  const item = (l: NavLink) => <MenuLink key={l.href} link={l} pathname={pathname} onClick={onClose} large />;
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-label="Menu"
      className="m-0 ml-auto h-dvh max-h-none w-80 max-w-[85vw] bg-white p-0 shadow-xl backdrop:bg-slate-900/40 lg:hidden"
    >
      {open && (
        <div className="flex h-full flex-col">
          <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
            <div className="min-w-0">
              <p className="truncate font-medium text-slate-900" data-testid="menu-user">
                {user.name}
              </p>
              <p className="text-xs text-slate-500">{roleLabel}</p>
            </div>
            <button
              type="button"
              onClick={onClose}
              className="rounded-md p-2 text-slate-500 hover:bg-slate-100"
              aria-label="Close the menu"
            >
              <XIcon className="size-5" />
            </button>
          </div>
          <nav aria-label="All pages" className="flex-1 overflow-y-auto px-2 py-3">
            <ul className="space-y-0.5">{work.map(item)}</ul>
            <h2 className="mt-4 px-3 text-xs font-semibold tracking-wide text-slate-500 uppercase">Settings</h2>
            <ul className="mt-1 space-y-0.5">{settings.map(item)}</ul>
          </nav>
          <div className="space-y-3 border-t border-slate-200 p-4">
            {alerts && <CallAlertsButton />}
            <SignOutButton onClick={onSignOut} pending={signingOut} className="w-full px-3 py-2 text-slate-700" />
          </div>
        </div>
      )}
    </dialog>
  );
}
