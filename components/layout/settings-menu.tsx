"use client";
import { useCallback, useRef, useState } from "react";
import { cx } from "@/components/ui/cx";
import { ChevronDownIcon } from "@/components/ui/icons";
import { useDismiss } from "@/components/ui/use-dismiss";
import { MenuLink } from "./menu-items";
import type { NavLink } from "./nav-links";

export function SettingsMenu({ links, pathname }: { links: NavLink[]; pathname: string }) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const current = pathname.startsWith("/settings");
  const closeMenu = useCallback(() => setOpen(false), []);
  useDismiss(open, box, closeMenu);
  return (
    <div className="relative" ref={box}>
      <button
        type="button"
        aria-expanded={open}
        aria-haspopup="true"
        onClick={() => setOpen((v) => !v)}
        className={cx(
          "flex items-center gap-1 rounded-md px-3 py-1.5 text-sm font-medium",
          current ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
        )}
      >
        Settings
        <ChevronDownIcon className="size-3.5" />
      </button>
      {open && (
        <ul className="absolute left-0 z-30 mt-1 w-52 rounded-lg bg-white p-1 shadow-lg ring-1 ring-slate-200" aria-label="Settings pages">
          {links.map((l) => (
            <MenuLink key={l.href} link={l} pathname={pathname} onClick={() => setOpen(false)} />
          ))}
        </ul>
      )}
    </div>
  );
}
