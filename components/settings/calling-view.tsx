"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { inputBaseClass } from "@/components/ui/field";
// Admin: the call outcomes agents pick from after a call, and round-robin lead assignment.
import { Options } from "@/components/ui/options";
import { QueryState } from "@/components/ui/query-state";
import { onSubmit } from "@/components/ui/submit";
import { LEAD_STATUS_LABELS, LEAD_STATUSES, type LeadStatusValue } from "@/lib/leads/status-labels";
import { ApiError, reacting } from "@/lib/queries/api";
import {
  allDispositionsOptions,
  createDispositionMutation,
  type DispositionDto,
  updateDispositionMutation,
} from "@/lib/queries/dispositions";
import { roundRobinOptions, setRoundRobinMutation } from "@/lib/queries/settings";
import { BreakReasons } from "./break-reasons";
import { DialerSettings } from "./dialer-settings";

function OutcomeRow({ o }: { o: DispositionDto }) {
  const update = useMutation(updateDispositionMutation(o.id));
  return (
    <tr className={o.active ? "" : "opacity-60"}>
      <td className="px-4 py-2 font-medium text-slate-900">{o.label}</td>
      <td className="px-4 py-2">
        <label className="sr-only" htmlFor={`status-${o.id}`}>
          Lead status for {o.label}
        </label>
        <select
          id={`status-${o.id}`}
          className={inputBaseClass}
          value={o.leadStatus ?? ""}
          onChange={(e) => update.mutate({ leadStatus: (e.target.value || null) as LeadStatusValue | null })}
        >
          <option value="">No status change</option>
          <Options items={LEAD_STATUSES} value={(s) => s} label={(s) => `Offer: ${LEAD_STATUS_LABELS[s]}`} />
        </select>
      </td>
      <td className="px-4 py-2">
        <label className="flex items-center gap-2 text-slate-700">
          <input type="checkbox" checked={o.asksForTime} onChange={(e) => update.mutate({ asksForTime: e.target.checked })} /> Asks for a
          call-back time
        </label>
      </td>
      <td className="px-4 py-2 text-right">
        <Button size="sm" variant="secondary" loading={update.isPending} onClick={() => update.mutate({ active: !o.active })}>
          {o.active ? "Retire" : "Restore"}
        </Button>
        {update.isError && (
          <p role="alert" className="mt-1 text-xs text-rose-700">
            {update.error.message}
          </p>
        )}
      </td>
    </tr>
  );
}

export function CallingSettingsView() {
  const ids = useId();
  const outcomes = useQuery(allDispositionsOptions());
  const [label, setLabel] = useState("");
  const add = useMutation(reacting(createDispositionMutation(), { onSuccess: () => setLabel("") }));
  const rr = useQuery(roundRobinOptions());
  const setRr = useMutation(setRoundRobinMutation());
  // Optimistic, in component state so the switch moves in the same render as the click (the query
  // cache notifies a tick later, and the controlled checkbox flicked back meanwhile); it falls back
  // to the server's value when the request settles, so a refusal moves it back.
  const [rrChosen, setRrChosen] = useState<boolean | null>(null);
  const chooseRr = (enabled: boolean) => {
    setRrChosen(enabled);
    setRr.mutate(enabled, { onSettled: () => setRrChosen(null) });
  };
  const addError = add.error instanceof ApiError ? (add.error.fields.label ? `Label ${add.error.fields.label}` : add.error.message) : null;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Calling</h1>
        <p className="text-sm text-slate-500">Call outcomes and how new leads are assigned.</p>
      </div>

      <section className="overflow-hidden rounded-xl bg-white shadow-xs ring-1 ring-slate-200" aria-labelledby={`${ids}-outcomes`}>
        <div className="border-b border-slate-200 px-4 py-3">
          <h2 id={`${ids}-outcomes`} className="font-semibold text-slate-900">
            Call outcomes
          </h2>
          <p className="text-sm text-slate-500">
            Agents pick one when a call ends. An outcome can offer a lead status (the agent confirms it) or ask when to call back (a
            follow-up task).
          </p>
        </div>
        <QueryState query={outcomes} what="outcomes" className="m-4">
          {(d) => (
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="outcomes">
              <tbody className="divide-y divide-slate-100">
                {d.items.map((o) => (
                  <OutcomeRow key={o.id} o={o} />
                ))}
              </tbody>
            </table>
          )}
        </QueryState>
        <form
          className="flex flex-wrap items-start gap-2 border-t border-slate-200 bg-slate-50 px-4 py-3"
          onSubmit={onSubmit(() => {
            if (label.trim()) add.mutate({ label });
          })}
        >
          <label className="sr-only" htmlFor={`${ids}-label`}>
            New outcome
          </label>
          <input
            id={`${ids}-label`}
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            maxLength={60}
            placeholder="New outcome, e.g. Demo booked"
            className={`${inputBaseClass} w-64`}
            aria-invalid={addError ? true : undefined}
          />
          <Button type="submit" loading={add.isPending} disabled={!label.trim()}>
            Add outcome
          </Button>
          {addError && (
            <p role="alert" className="w-full text-sm text-rose-700">
              {addError}
            </p>
          )}
        </form>
      </section>

      <section className="rounded-xl bg-white p-4 shadow-xs ring-1 ring-slate-200" aria-labelledby={`${ids}-rr`}>
        <h2 id={`${ids}-rr`} className="font-semibold text-slate-900">
          Round-robin assignment
        </h2>
        <p className="text-sm text-slate-500">
          New leads created without an owner (by hand, by CSV import, or by an inbound call nobody took) go to active agents in turn.
        </p>
        <QueryState query={rr} what="the setting" compact className="mt-3">
          {(d) => (
            <div className="mt-3 space-y-2">
              <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
                <input
                  type="checkbox"
                  checked={rrChosen ?? d.enabled}
                  onChange={(e) => chooseRr(e.target.checked)}
                  data-testid="round-robin"
                />
                Assign new unowned leads round-robin
              </label>
              <p className="text-sm text-slate-500">
                {d.agents.length === 0
                  ? "No active agents yet."
                  : `In turn among ${d.agents.length} active agent${d.agents.length === 1 ? "" : "s"}: ` +
                    `${d.agents.map((a) => a.name).join(", ")}.`}
              </p>
              {setRr.isError && <Alert>{setRr.error.message}</Alert>}
            </div>
          )}
        </QueryState>
      </section>
      <DialerSettings />
      <BreakReasons />
    </div>
  );
}
