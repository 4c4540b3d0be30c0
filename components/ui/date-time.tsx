"use client";
// A date and time as the viewer should read it: in their own time zone (and "3 minutes ago" where
// asked), which only the browser knows. The server's render, and the browser's first render that
// must match it, show India time in a fixed format instead; the viewer's own follows at once.
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

const INDIA = new Intl.DateTimeFormat("en-IN", { timeZone: "Asia/Kolkata", dateStyle: "medium", timeStyle: "short" });

export function DateTime({
  iso,
  relative = false,
  empty = "—",
  ...rest
}: { iso: string | null | undefined; relative?: boolean; empty?: string } & React.HTMLAttributes<HTMLElement>) {
  const hydrated = useHydrated();
  if (!iso) return <span {...rest}>{empty}</span>;
  const text = !hydrated ? `${INDIA.format(new Date(iso))} IST` : relative ? formatRelative(iso) : formatDateTime(iso);
  return (
    <time dateTime={iso} title={hydrated ? formatDateTime(iso) : undefined} {...rest}>
      {text}
    </time>
  );
}
