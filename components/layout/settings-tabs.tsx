"use client";
// The settings pages' own navigation: a row of tabs that wraps (never scrolls sideways on a phone).
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx } from "@/components/ui/cx";
import { isActive, type Role, settingsLinks } from "./nav-links";

export function SettingsTabs({ role }: { role: Role }) {
  const pathname = usePathname();
  const links = settingsLinks(role);
  if (links.length < 2) return null;
  return (
    <nav aria-label="Settings" className="border-b border-slate-200">
      <ul className="-mb-px flex flex-wrap gap-x-1">
        {links.map((l) => (
          <li key={l.href}>
            <Link
              href={l.href}
              aria-current={isActive(pathname, l.href) ? "page" : undefined}
              className={cx(
                "inline-block border-b-2 px-3 py-2 text-sm font-medium",
                isActive(pathname, l.href)
                  ? "border-brand-600 text-brand-700"
                  : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
              )}
            >
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
