"use client";
// Starting a calling session: over the agent's due follow-ups, a filter of their leads, or a campaign.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { Field, inputClass } from "@/components/ui/field";
import { apiFieldErrors, FormAlert } from "@/components/ui/form-errors";
import { Options } from "@/components/ui/options";
import { onSubmit } from "@/components/ui/submit";
import { LEAD_STATUS_LABELS, LEAD_STATUSES } from "@/lib/leads/status-labels";
import { dialerStepMutation, type StartSessionInput, startDialerSession } from "@/lib/queries/dialer";

type Source = StartSessionInput["source"];

/** Starting a session: its answer becomes the dialer's session on screen. */
export function StartSession({ campaigns }: { campaigns: { id: string; name: string }[] }) {
  const [source, setSource] = useState<Source>(campaigns.length ? "CAMPAIGN" : "FOLLOW_UPS");
  const [status, setStatus] = useState("NEW");
  const [leadSource, setLeadSource] = useState("");
  const [days, setDays] = useState("");
  const [campaignId, setCampaignId] = useState(campaigns[0]?.id ?? "");
  const start = useMutation(
    dialerStepMutation(() =>
      startDialerSession(
        source === "CAMPAIGN"
          ? { source, campaignId }
          : source === "FILTER"
            ? {
                source,
                filter: {
                  ...(status ? { status } : {}),
                  ...(leadSource.trim() ? { source: leadSource.trim() } : {}),
                  ...(days ? { notContactedDays: Number(days) } : {}),
                },
              }
            : { source },
      ),
    ),
  );
  const fields = apiFieldErrors(start.error);
  const choices: { value: Source; title: string; text: string; disabled?: boolean }[] = [
    { value: "FOLLOW_UPS", title: "My due follow-ups", text: "Every lead with a follow-up due now, oldest first." },
    { value: "FILTER", title: "My leads", text: "Your leads by status, source, or not contacted for a while. Due follow-ups come first." },
    {
      value: "CAMPAIGN",
      title: "A campaign",
      text: campaigns.length ? "A list your manager set up; no one else on it gets your lead." : "You are on no active campaign.",
      disabled: !campaigns.length,
    },
  ];
  return (
    <form
      className="mx-auto max-w-2xl space-y-5 rounded-xl bg-white p-6 shadow-xs ring-1 ring-slate-200"
      aria-labelledby="start-heading"
      onSubmit={onSubmit(() => start.mutate())}
    >
      <div>
        <h1 id="start-heading" className="text-xl font-semibold text-slate-900">
          Start calling
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          Work through a list one lead at a time: see who they are, call, record the outcome, and the next lead is ready.
        </p>
      </div>
      <fieldset className="grid gap-3 sm:grid-cols-3">
        <legend className="sr-only">What to call</legend>
        {choices.map((c) => (
          <label
            key={c.value}
            className={cx(
              "cursor-pointer rounded-lg p-3 text-sm ring-1 has-focus-visible:ring-2 has-focus-visible:ring-brand-500",
              source === c.value ? "bg-brand-50 ring-brand-500" : "ring-slate-200 hover:bg-slate-50",
              c.disabled && "cursor-not-allowed opacity-60",
            )}
          >
            <input
              type="radio"
              name="source"
              value={c.value}
              checked={source === c.value}
              disabled={c.disabled}
              onChange={() => setSource(c.value)}
              className="sr-only"
            />
            <span className="block font-medium text-slate-900">{c.title}</span>
            <span className="mt-1 block text-slate-600">{c.text}</span>
          </label>
        ))}
      </fieldset>
      {source === "FILTER" && (
        <div className="grid gap-3 sm:grid-cols-3">
          <Field label="Status" error={fields["filter.status"]}>
            {(p) => (
              <select {...p} value={status} onChange={(e) => setStatus(e.target.value)} className={inputClass}>
                <option value="">Any status</option>
                <Options items={LEAD_STATUSES} value={(s) => s} label={(s) => LEAD_STATUS_LABELS[s]} />
              </select>
            )}
          </Field>
          <Field label="Source" error={fields["filter.source"]}>
            {(p) => (
              <input {...p} value={leadSource} onChange={(e) => setLeadSource(e.target.value)} placeholder="Any" className={inputClass} />
            )}
          </Field>
          <Field label="Not contacted for (days)" error={fields["filter.notContactedDays"]}>
            {(p) => <input {...p} type="number" min={0} value={days} onChange={(e) => setDays(e.target.value)} className={inputClass} />}
          </Field>
        </div>
      )}
      {source === "CAMPAIGN" && campaigns.length > 0 && (
        <Field label="Campaign" error={fields.campaignId}>
          {(p) => (
            <select {...p} value={campaignId} onChange={(e) => setCampaignId(e.target.value)} className={inputClass}>
              <Options items={campaigns} value={(c) => c.id} label={(c) => c.name} />
            </select>
          )}
        </Field>
      )}
      <FormAlert error={start.error} fields={fields} shown={source === "CAMPAIGN" ? ["campaignId"] : []} />
      <div className="flex justify-end">
        <Button type="submit" size="lg" loading={start.isPending} data-testid="start-session">
          Start calling
        </Button>
      </div>
    </form>
  );
}
