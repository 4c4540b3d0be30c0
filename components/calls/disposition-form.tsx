"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { SAVES_TYPED_WORK } from "@/components/providers";
import { cx } from "@/components/ui/cx";
import { fromLocalInput, toLocalInput, tomorrowAt10 } from "@/components/ui/datetime";
import { Field, inputClass } from "@/components/ui/field";
// After a call ends the agent records its outcome (and a note). Outcomes that imply a lead status
// offer it behind an explicit checkbox; "Call back later" asks when, and becomes a follow-up task.
import { FormActions } from "@/components/ui/form-actions";
import { apiFieldErrors, FormAlert } from "@/components/ui/form-errors";
import { onSubmit } from "@/components/ui/submit";
import type { CallDto } from "@/lib/calls/dto";
import { LEAD_STATUS_LABELS, type LeadStatusValue } from "@/lib/leads/status-labels";
import { reacting } from "@/lib/queries/api";
import { recordOutcomeMutation } from "@/lib/queries/calls";
import { activeDispositionsOptions } from "@/lib/queries/dispositions";

export function DispositionForm({
  call,
  leadId,
  leadStatus,
  onDone,
  onSaved,
  bare = false,
}: {
  call: CallDto;
  leadId: string;
  leadStatus?: LeadStatusValue;
  onDone?: () => void;
  onSaved?: () => void;
  /** Inside a dialog or a timeline entry: no card of its own, and Cancel always offered. */
  bare?: boolean;
}) {
  const ids = useId();
  const saveId = `${ids}-save`;
  const outcomes = useQuery({ ...activeDispositionsOptions(), staleTime: 5 * 60_000 });
  const [choice, setChoice] = useState<string | null>(call.dispositionId ?? null);
  const [note, setNote] = useState(call.notes ?? "");
  const [when, setWhen] = useState(toLocalInput(tomorrowAt10()));
  const [applyStatus, setApplyStatus] = useState(false);
  const chosen = outcomes.data?.items.find((o) => o.id === choice) ?? null;
  const offersStatus = chosen?.leadStatus && chosen.leadStatus !== leadStatus ? chosen.leadStatus : null;

  const save = useMutation(
    reacting(
      { ...recordOutcomeMutation(call.id, leadId), meta: SAVES_TYPED_WORK },
      {
        onSuccess: () => {
          onDone?.();
          onSaved?.();
        },
      },
    ),
  );
  const submit = () =>
    save.mutate({
      dispositionId: choice!,
      note: note.trim() || undefined,
      ...(chosen?.asksForTime ? { callbackAt: fromLocalInput(when)?.toISOString() ?? when } : {}),
      applyLeadStatus: Boolean(offersStatus && applyStatus),
    });
  const fieldErrors = apiFieldErrors(save.error);

  return (
    <form
      className={cx("w-full space-y-3 text-left", !bare && "min-w-0 rounded-lg bg-white p-4 shadow-md ring-1 ring-slate-200 sm:min-w-72")}
      aria-label="Call outcome"
      data-testid="disposition-form"
      onSubmit={onSubmit(() => {
        if (choice) submit();
      })}
    >
      <fieldset>
        <legend className="text-sm font-semibold text-slate-900">How did the call go?</legend>
        {outcomes.isPending && <p className="mt-2 text-sm text-slate-500">Loading outcomes…</p>}
        {outcomes.isError && <p className="mt-2 text-sm text-rose-700">Could not load outcomes: {outcomes.error.message}</p>}
        <div className="mt-2 flex flex-wrap gap-2">
          {outcomes.data?.items.map((o, i) => (
            <label
              key={o.id}
              // 1–9 choose an outcome; focus moves to Save, so Enter records it.
              data-shortcut={i < 9 ? String(i + 1) : undefined}
              data-shortcut-focus={`[id="${saveId}"]`}
              className={cx(
                "cursor-pointer rounded-full px-3 py-1 text-sm ring-1 has-focus-visible:ring-2 has-focus-visible:ring-brand-500",
                // The key that picks it, drawn by CSS so it stays out of the label's text.
                i < 9 && "after:ml-1.5 after:rounded after:border after:border-current/30 after:px-1 after:font-mono after:text-[0.7rem]",
                i < 9 && "after:opacity-70 after:content-[attr(data-shortcut)]",
                choice === o.id ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50",
              )}
            >
              <input
                type="radio"
                name={`${ids}-outcome`}
                value={o.id}
                checked={choice === o.id}
                onChange={() => setChoice(o.id)}
                className="sr-only"
              />
              {o.label}
            </label>
          ))}
        </div>
        {fieldErrors.dispositionId && <p className="mt-1 text-sm text-rose-600">Outcome {fieldErrors.dispositionId}</p>}
      </fieldset>
      {chosen?.asksForTime && (
        <Field label="Call back at (India time)" error={fieldErrors.callbackAt && `Time ${fieldErrors.callbackAt}`}>
          {(p) => (
            <input {...p} type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} className={inputClass} required />
          )}
        </Field>
      )}
      {chosen?.marksDoNotCall && (
        <p className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800" data-testid="dnc-warning">
          Every number of this lead goes on the do-not-call list: nobody can call them again.
        </p>
      )}
      {offersStatus && (
        <label className="flex items-start gap-2 rounded-md bg-amber-50 p-2 text-sm text-amber-900 ring-1 ring-amber-200">
          <input
            type="checkbox"
            checked={applyStatus}
            onChange={(e) => setApplyStatus(e.target.checked)}
            className="mt-0.5"
            data-testid="apply-status"
          />
          <span>
            Also mark the lead as <strong>{LEAD_STATUS_LABELS[offersStatus]}</strong>
          </span>
        </label>
      )}
      <Field label="Note (optional)">
        {(p) => (
          <textarea
            {...p}
            rows={2}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={5000}
            className={inputClass}
            placeholder="What was said, what comes next"
          />
        )}
      </Field>
      <FormAlert error={save.error} fields={fieldErrors} shown={["dispositionId", ...(chosen?.asksForTime ? ["callbackAt"] : [])]} />
      <FormActions
        submit="Save outcome"
        onCancel={onDone && (call.disposition || bare) ? onDone : undefined}
        disabled={!choice}
        loading={save.isPending}
        data-testid="save-disposition"
        id={saveId}
      />
    </form>
  );
}
