"use client";
// The agent's availability in the nav: "Take a break" with the admin's reasons (the menu,
// break-menu.tsx, loads when first opened), and while on a break, the reason, a running timer and
// "End break". Pushed to every tab by the live stream.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useCallback, useRef, useState } from "react";
import { useFallbackInterval } from "@/components/live/live-provider";
import { Button } from "@/components/ui/button";
import { formatDuration } from "@/components/ui/format";
import { lazyComponent } from "@/components/ui/lazy";
import { useDismiss } from "@/components/ui/use-dismiss";
import { useNow } from "@/components/ui/use-now";
import { reacting } from "@/lib/queries/api";
import { endBreakMutation, myBreakOptions } from "@/lib/queries/breaks";
import { BreakMenuBox, BreakMenuLoading } from "./break-menu-box";

const BreakMenu = lazyComponent(
  () => import("./break-menu").then((m) => m.BreakMenu),
  <BreakMenuBox>
    <BreakMenuLoading />
  </BreakMenuBox>,
);

export function BreakControl() {
  const mine = useQuery({ ...myBreakOptions(), refetchInterval: useFallbackInterval(30_000) });
  const [open, setOpen] = useState(false);
  const current = mine.data?.break ?? null;
  const now = useNow(!!current);
  const menu = useRef<HTMLDivElement>(null);
  const end = useMutation(reacting(endBreakMutation(), { onSuccess: () => setOpen(false) }));
  const error = end.error;

  const closeMenu = useCallback(() => setOpen(false), []);
  useDismiss(open, menu, closeMenu);

  if (mine.isPending) return null;
  if (current) {
    const seconds = Math.max(0, Math.floor((now - Date.parse(current.startedAt)) / 1000));
    return (
      <div className="flex items-center gap-2" data-testid="break-status">
        <span className="rounded-full bg-violet-100 px-2.5 py-1 text-xs font-medium whitespace-nowrap text-violet-800 tabular-nums">
          On break<span className="hidden sm:inline lg:hidden xl:inline"> · {current.reason}</span> · {formatDuration(seconds)}
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
      <Button
        size="sm"
        variant="ghost"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label="Take a break"
        onClick={() => setOpen((v) => !v)}
      >
        {/* A manager's desk bar at 1024 px has room for "Break" only (phones show the whole words: their top bar holds little else). */}
        <span className="hidden lg:inline xl:hidden">Break</span>
        <span className="lg:hidden xl:inline">Take a break</span>
      </Button>
      {open && <BreakMenu onStarted={closeMenu} />}
    </div>
  );
}
