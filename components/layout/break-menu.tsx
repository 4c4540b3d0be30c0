"use client";
// The break control's menu of reasons, loaded when "Take a break" is first opened (break-control.tsx).
import { useMutation, useQuery } from "@tanstack/react-query";
import { cx } from "@/components/ui/cx";
import { reacting } from "@/lib/queries/api";
import { breakReasonsOptions, startBreakMutation } from "@/lib/queries/breaks";
import { BreakMenuBox, BreakMenuLoading } from "./break-menu-box";

export function BreakMenu({ onStarted }: { onStarted: () => void }) {
  const reasons = useQuery(breakReasonsOptions());
  const start = useMutation(reacting(startBreakMutation(), { onSuccess: onStarted }));
  return (
    <BreakMenuBox>
      {reasons.isPending && <BreakMenuLoading />}
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
      {start.error && (
        <p role="alert" className="px-3 py-2 text-xs text-rose-700">
          {start.error.message}
        </p>
      )}
    </BreakMenuBox>
  );
}
