"use client";
// What the settings menu and the phone menu sheet share: a menu link that marks the current page
// (loaded with those menus; Sign out, which the desk nav shows too, is sign-out-button.tsx).
import Link from "next/link";
import { cx } from "@/components/ui/cx";
import { isActive, type NavLink } from "./nav-links";

/** A link in a menu list: the current page is marked (aria-current) and highlighted. */
export function MenuLink({
  link,
  pathname,
  onClick,
  large = false,
}: {
  link: NavLink;
  pathname: string;
  onClick: () => void;
  large?: boolean;
}) {
  const current = isActive(pathname, link.href);
  return (
    <li>
      <Link
        href={link.href}
        onClick={onClick}
        aria-current={current ? "page" : undefined}
        className={cx(
          "block rounded-md px-3",
          large ? "py-2.5 text-base" : "py-2 text-sm",
          current ? "bg-brand-50 font-medium text-brand-700" : cx(large ? "text-slate-800" : "text-slate-700", "hover:bg-slate-100"),
        )}
      >
        {link.label}
      </Link>
    </li>
  );
}
