"use client";
// A new campaign: name, agents, the leads (a filter, or the numbers of a CSV), dates, attempts and retry gap.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { fromLocalInput } from "@/components/ui/datetime";
import { Field, inputClass } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { apiFieldErrors, FormAlert } from "@/components/ui/form-errors";
import { Options } from "@/components/ui/options";
import { onSubmit } from "@/components/ui/submit";
import { parseCsv } from "@/lib/leads/csv";
import { LEAD_STATUS_LABELS, LEAD_STATUSES } from "@/lib/leads/status-labels";
import { reacting } from "@/lib/queries/api";
import { createCampaignMutation } from "@/lib/queries/dialer";
import { assignableUsersOptions } from "@/lib/queries/users";

/** Every phone-like cell of a CSV (one number per row is the usual export; any column will do). */
export function numbersFromCsv(text: string): string[] {
  return parseCsv(text)
    .flat()
    .map((cell) => cell.trim())
    .filter((v) => {
      const digits = v.replace(/\D/g, "").length;
      return digits >= 10 && digits <= 15 && /^[+\d\s()-]+$/.test(v);
    });
}

const CAMPAIGN_FIELDS = ["name", "agentIds", "phones", "leadFilter", "startsAt", "endsAt", "maxAttempts", "retryGapMinutes"];

export function CampaignForm({ onDone }: { onDone: (unmatched: number) => void }) {
  const users = useQuery(assignableUsersOptions());
  const [by, setBy] = useState<"filter" | "csv">("filter");
  const [agentIds, setAgentIds] = useState<string[]>([]);
  const [numbers, setNumbers] = useState<string[] | null>(null);
  const create = useMutation(reacting(createCampaignMutation(), { onSuccess: (c) => onDone(c.unmatched) }));
  const fields = apiFieldErrors(create.error);
  const agents = (users.data?.items ?? []).filter((u) => u.assignable);

  function submit(form: HTMLFormElement) {
    const d = new FormData(form);
    const str = (k: string) => String(d.get(k) ?? "").trim();
    const date = (k: string) => (str(k) ? (fromLocalInput(str(k))?.toISOString() ?? str(k)) : null);
    create.mutate({
      name: str("name"),
      agentIds,
      ...(by === "filter"
        ? {
            leadFilter: {
              ...(str("status") ? { status: str("status") } : {}),
              ...(str("source") ? { source: str("source") } : {}),
              ...(str("days") ? { notContactedDays: Number(str("days")) } : {}),
            },
          }
        : { phones: numbers ?? [] }),
      startsAt: date("startsAt"),
      endsAt: date("endsAt"),
      maxAttempts: Number(str("maxAttempts") || 3),
      retryGapMinutes: Number(str("retryGapMinutes") || 60),
    });
  }

  return (
    <form className="space-y-4" aria-label="New campaign" noValidate onSubmit={onSubmit(submit)}>
      <FormAlert error={create.error} fields={fields} shown={CAMPAIGN_FIELDS} />
      <Field label="Name" error={fields.name}>
        {(p) => <input {...p} name="name" required maxLength={200} className={inputClass} />}
      </Field>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Agents</legend>
        {users.isPending && <p className="text-sm text-slate-500">Loading agents…</p>}
        <div className="mt-1 grid max-h-40 grid-cols-2 gap-1 overflow-y-auto">
          {agents.map((u) => (
            <label key={u.id} className="flex items-center gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                checked={agentIds.includes(u.id)}
                onChange={(e) => setAgentIds((ids) => (e.target.checked ? [...ids, u.id] : ids.filter((i) => i !== u.id)))}
              />
              {u.name}
            </label>
          ))}
        </div>
        {fields.agentIds && <p className="text-sm text-rose-600">The campaign {fields.agentIds}.</p>}
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Leads</legend>
        <p className="text-xs text-slate-500">Each agent calls the leads they own; a lead nobody owns goes to whoever calls it first.</p>
        <div className="flex gap-4 text-sm">
          {(["filter", "csv"] as const).map((v) => (
            <label key={v} className="flex items-center gap-1.5">
              <input type="radio" name="by" checked={by === v} onChange={() => setBy(v)} />
              {v === "filter" ? "By filter" : "Numbers from a CSV"}
            </label>
          ))}
        </div>
        {by === "filter" ? (
          <div className="grid grid-cols-3 gap-2">
            <Field label="Status" small>
              {(p) => (
                <select {...p} name="status" className={inputClass} defaultValue="NEW">
                  <option value="">Any</option>
                  <Options items={LEAD_STATUSES} value={(s) => s} label={(s) => LEAD_STATUS_LABELS[s]} />
                </select>
              )}
            </Field>
            <Field label="Source" small>
              {(p) => <input {...p} name="source" placeholder="Any" className={inputClass} />}
            </Field>
            <Field label="Not contacted (days)" small>
              {(p) => <input {...p} name="days" type="number" min={0} className={inputClass} />}
            </Field>
          </div>
        ) : (
          <Field
            label="CSV file"
            error={fields.phones}
            hint={numbers ? `${numbers.length} numbers found` : "Any column with phone numbers; each is matched to its lead."}
          >
            {(p) => (
              <input
                {...p}
                type="file"
                accept=".csv,text/csv,text/plain"
                className="block text-sm"
                onChange={async (e) => setNumbers(numbersFromCsv((await e.target.files?.[0]?.text()) ?? ""))}
              />
            )}
          </Field>
        )}
        {fields.leadFilter && <p className="text-sm text-rose-600">Lead filter {fields.leadFilter}.</p>}
      </fieldset>
      <div className="grid grid-cols-2 gap-3">
        <Field label="Starts (India time)" error={fields.startsAt}>
          {(p) => <input {...p} name="startsAt" type="datetime-local" className={inputClass} />}
        </Field>
        <Field label="Ends (India time)" error={fields.endsAt}>
          {(p) => <input {...p} name="endsAt" type="datetime-local" className={inputClass} />}
        </Field>
        <Field label="Attempts per lead" error={fields.maxAttempts}>
          {(p) => <input {...p} name="maxAttempts" type="number" min={1} max={10} defaultValue={3} className={inputClass} />}
        </Field>
        <Field label="Retry after (minutes)" error={fields.retryGapMinutes}>
          {(p) => <input {...p} name="retryGapMinutes" type="number" min={0} defaultValue={60} className={inputClass} />}
        </Field>
      </div>
      <FormActions submit="Create campaign" onCancel={() => onDone(-1)} loading={create.isPending} />
    </form>
  );
}
