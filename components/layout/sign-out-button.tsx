"use client";
// Sign out: in the desk nav and in the phone menu sheet.
import { cx } from "@/components/ui/cx";

export function SignOutButton({ onClick, pending, className }: { onClick: () => void; pending: boolean; className: string }) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={pending}
      className={cx("rounded-md text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-60", className)}
    >
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
