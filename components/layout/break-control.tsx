"use client";
// The agent's availability in the nav: "Take a break" with the admin's reasons, and while on a
// break, the reason, a running timer and "End break". Pushed to every tab by the live stream.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useCallback, useRef, useState } from "react";
import { useFallbackInterval } from "@/components/live/live-provider";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { formatDuration } from "@/components/ui/format";
import { useDismiss } from "@/components/ui/use-dismiss";
import { useNow } from "@/components/ui/use-now";
import { reacting } from "@/lib/queries/api";
import { breakReasonsOptions, endBreakMutation, myBreakOptions, startBreakMutation } from "@/lib/queries/breaks";

export function BreakControl() {
  const mine = useQuery({ ...myBreakOptions(), refetchInterval: useFallbackInterval(30_000) });
  const [open, setOpen] = useState(false);
  const reasons = useQuery({ ...breakReasonsOptions(), enabled: open });
  const current = mine.data?.break ?? null;
  const now = useNow(!!current);
  const menu = useRef<HTMLDivElement>(null);
  const close = { onSuccess: () => setOpen(false) };
  const start = useMutation(reacting(startBreakMutation(), close));
  const end = useMutation(reacting(endBreakMutation(), close));
  const error = start.error ?? end.error;

  const closeMenu = useCallback(() => setOpen(false), []);
  useDismiss(open, menu, closeMenu);

  if (mine.isPending) return null;
  if (current) {
    const seconds = Math.max(0, Math.floor((now - Date.parse(current.startedAt)) / 1000));
    return (
      <div className="flex items-center gap-2" data-testid="break-status">
        <span className="rounded-full bg-violet-100 px-2.5 py-1 text-xs font-medium whitespace-nowrap text-violet-800 tabular-nums">
          On break<span className="hidden sm:inline"> · {current.reason}</span> · {formatDuration(seconds)}
        </span>
        <Button size="sm" variant="secondary" onClick={() => end.mutate()} loading={end.isPending}>
          End break
        </Button>
        {error && (
          <span role="alert" className="text-xs text-rose-700">
            {error.message}
          </span>
        )}
      </div>
    );
  }
  return (
    <div className="relative" ref={menu}>
      <Button size="sm" variant="ghost" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
        Take a break
      </Button>
      {open && (
        <div
          role="menu"
          aria-label="Break reason"
          className="absolute right-0 z-30 mt-1 w-48 rounded-lg bg-white p-1 shadow-lg ring-1 ring-slate-200"
        >
          {reasons.isPending && <p className="px-3 py-2 text-sm text-slate-500">Loading…</p>}
          {reasons.isError && <p className="px-3 py-2 text-sm text-rose-700">Could not load the reasons</p>}
          {reasons.data?.items.length === 0 && <p className="px-3 py-2 text-sm text-slate-500">No break reasons set up</p>}
          {reasons.data?.items.map((r) => (
            <button
              key={r.id}
              type="button"
              role="menuitem"
              disabled={start.isPending}
              onClick={() => start.mutate(r.id)}
              className={cx(
                "block w-full rounded-md px-3 py-2 text-left text-sm text-slate-700",
                "hover:bg-slate-100 focus:bg-slate-100 focus:outline-none",
              )}
            >
              {r.name}
            </button>
          ))}
          {error && (
            <p role="alert" className="px-3 py-2 text-xs text-rose-700">
              {error.message}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
