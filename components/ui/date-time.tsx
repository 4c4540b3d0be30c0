"use client";
// A date and time as the floor reads it: India time in one format (components/ui/format.ts), the
// same on the server and in every browser. "3 minutes ago" depends on the clock of whoever renders
// it, so the server's render (and the browser's first, which must match) shows the time itself and
// the relative wording follows once the page is live.
import { useSyncExternalStore } from "react";
import { formatDateTime, formatRelative } from "./format";

const noSubscription = () => () => {};
/** False while rendering on the server and while hydrating; true afterwards. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

export function DateTime({
  iso,
  relative = false,
  empty = "—",
  ...rest
}: { iso: string | null | undefined; relative?: boolean; empty?: string } & React.HTMLAttributes<HTMLElement>) {
  const hydrated = useHydrated();
  if (!iso) return <span {...rest}>{empty}</span>;
  const absolute = formatDateTime(iso);
  return (
    <time dateTime={iso} title={`${absolute} (India time)`} {...rest}>
      {relative && hydrated ? formatRelative(iso) : absolute}
    </time>
  );
}
