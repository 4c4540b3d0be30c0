"use client";
// Admin: our numbers, the ones customers dial (the DID in the newspaper ad, the one on the website),
// and the lead source each stands for. A caller we do not know who dials one becomes a lead from that
// source. Numbers dialled in the last 30 days that have no source yet are offered to name in one click.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { inputBaseClass } from "@/components/ui/field";
import { FormAlert, useFormErrors } from "@/components/ui/form-errors";
import { Panel } from "@/components/ui/panel";
import { QueryState } from "@/components/ui/query-state";
import { onSubmit } from "@/components/ui/submit";
import { ApiError, reacting } from "@/lib/queries/api";
import {
  type NumberSourceItem,
  numberSourcesOptions,
  removeNumberSourceMutation,
  saveNumberSourceMutation,
  type UnmappedNumber,
} from "@/lib/queries/number-sources";
import { NUMBER_SOURCE_MAX, numberSourceSchema } from "@/lib/telephony/schemas";

/** Sources an admin is likely to mean, offered as they type (with the ones already in use). */
const SUGGESTED = ["Newspaper ad", "Website number", "Hoarding", "Google Business listing", "Radio ad", "Pamphlet"];

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "12 calls, 3 new leads in 30 days" */
function countsText(n: { inboundCalls30d: number; leadsCreated30d: number }) {
  if (n.inboundCalls30d === 0 && n.leadsCreated30d === 0) return "No calls in 30 days";
  return `${plural(n.inboundCalls30d, "call", "calls")}, ${plural(n.leadsCreated30d, "new lead", "new leads")} in 30 days`;
}

const errorText = (error: unknown) =>
  error instanceof ApiError && error.fields.source ? `Source ${error.fields.source}` : error instanceof Error ? error.message : null;

function NumberRow({ n, listId }: { n: NumberSourceItem; listId: string }) {
  const inputId = useId();
  const [editing, setEditing] = useState(false);
  const [source, setSource] = useState(n.source);
  const changeButton = useRef<HTMLButtonElement>(null);
  const stopEditing = () => {
    setEditing(false);
    // Back where the keyboard was, once the button is on screen again.
    requestAnimationFrame(() => changeButton.current?.focus());
  };
  const cancel = () => {
    setSource(n.source);
    stopEditing();
  };
  const save = useMutation(reacting(saveNumberSourceMutation(), { onSuccess: stopEditing }));
  const remove = useMutation(removeNumberSourceMutation());
  const error = errorText(save.error) ?? errorText(remove.error);
  return (
    <li className="py-3" data-testid="number-source" data-number={n.number}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <div className="min-w-0">
          <p className="font-medium text-slate-900 tabular-nums">{n.display}</p>
          <p className="text-xs text-slate-500">{countsText(n)}</p>
        </div>
        {editing ? (
          <form
            className="flex w-full flex-wrap items-center gap-2 sm:ml-auto sm:w-auto"
            onSubmit={onSubmit(() => (source.trim() === n.source ? stopEditing() : save.mutate({ number: n.number, source })))}
            onKeyDown={(e) => e.key === "Escape" && cancel()}
          >
            <label className="sr-only" htmlFor={inputId}>
              Source for {n.display}
            </label>
            <input
              id={inputId}
              autoFocus
              value={source}
              onChange={(e) => setSource(e.target.value)}
              maxLength={NUMBER_SOURCE_MAX}
              list={listId}
              className={`${inputBaseClass} w-full sm:w-52`}
              aria-invalid={save.isError || undefined}
            />
            <Button type="submit" size="sm" loading={save.isPending} disabled={!source.trim()}>
              Save
            </Button>
            <Button size="sm" variant="ghost" onClick={cancel}>
              Cancel
            </Button>
          </form>
        ) : (
          <>
            <span
              className="max-w-full rounded-full bg-brand-50 px-2 py-0.5 text-sm font-medium break-words text-brand-700"
              data-testid="number-source-name"
            >
              {n.source}
            </span>
            <div className="ml-auto flex gap-1">
              <Button
                ref={changeButton}
                size="sm"
                variant="secondary"
                onClick={() => setEditing(true)}
                aria-label={`Change the source of ${n.display}`}
              >
                Change
              </Button>
              <Button
                size="sm"
                variant="ghost"
                loading={remove.isPending}
                onClick={() => remove.mutate(n.number)}
                aria-label={`Remove ${n.display}`}
              >
                Remove
              </Button>
            </div>
          </>
        )}
      </div>
      {error && (
        <p role="alert" className="mt-1 text-sm text-rose-700">
          {error}
        </p>
      )}
    </li>
  );
}

function Unmapped({ numbers, onName }: { numbers: UnmappedNumber[]; onName: (n: UnmappedNumber) => void }) {
  if (numbers.length === 0) return null;
  return (
    <div className="mt-4 rounded-lg bg-amber-50 p-3 ring-1 ring-amber-200" data-testid="unmapped-numbers">
      <h3 className="text-sm font-semibold text-amber-900">Dialled in the last 30 days, no source yet</h3>
      <ul className="mt-1 divide-y divide-amber-100 text-sm">
        {numbers.map((n) => (
          <li key={n.number} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
            <span className="font-medium text-slate-900 tabular-nums">{n.display}</span>
            <span className="text-xs text-slate-600">{countsText(n)}</span>
            <Button
              size="sm"
              variant="secondary"
              className="ml-auto"
              onClick={() => onName(n)}
              aria-label={`Name the source of ${n.display}`}
            >
              Name it
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function NumberSources() {
  const ids = useId();
  const list = useQuery(numberSourcesOptions());
  const [number, setNumber] = useState("");
  const [source, setSource] = useState("");
  const sourceInput = useRef<HTMLInputElement>(null);
  const errors = useFormErrors();
  const add = useMutation(
    reacting(saveNumberSourceMutation(), {
      onSuccess: () => {
        setNumber("");
        setSource("");
        errors.clear();
      },
      onError: errors.fromError,
    }),
  );
  const submit = () => {
    const input = errors.check(numberSourceSchema, { number, source });
    if (input) add.mutate(input);
  };
  const name = (n: UnmappedNumber) => {
    setNumber(n.display);
    errors.clear();
    sourceInput.current?.focus();
  };
  const inUse = list.data ? [...new Set(list.data.items.map((i) => i.source))] : [];
  const listId = `${ids}-sources`;
  return (
    <Panel
      title="Our numbers"
      description={
        "The numbers customers dial (the one in the newspaper ad, the one on the website) and the lead source each " +
        "stands for. A new caller to one becomes a lead from that source."
      }
    >
      <datalist id={listId}>
        {[...new Set([...inUse, ...SUGGESTED])].map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <QueryState query={list} what="our numbers" className="mt-3">
        {(d) => (
          <>
            {d.items.length === 0 ? (
              <p className="mt-3 text-sm text-slate-500" data-testid="number-sources-empty">
                No numbers yet. Add the number printed in an ad and the source its callers should get, such as "Newspaper ad".
              </p>
            ) : (
              <ul className="mt-2 divide-y divide-slate-100 text-sm" data-testid="number-sources">
                {d.items.map((n) => (
                  <NumberRow key={`${n.number}:${n.source}`} n={n} listId={listId} />
                ))}
              </ul>
            )}
            <Unmapped numbers={d.unmapped} onName={name} />
          </>
        )}
      </QueryState>
      <form className="mt-4 flex flex-wrap items-start gap-2" onSubmit={onSubmit(submit)} noValidate>
        <div className="w-full sm:w-48">
          <label className="sr-only" htmlFor={`${ids}-n`}>
            Number customers dial
          </label>
          <input
            id={`${ids}-n`}
            type="tel"
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            placeholder="080 6900 1234"
            maxLength={40}
            className={`${inputBaseClass} w-full`}
            aria-invalid={errors.fields.number ? true : undefined}
            aria-describedby={errors.fields.number ? `${ids}-n-error` : undefined}
          />
          {errors.fields.number && (
            <p id={`${ids}-n-error`} className="mt-1 text-sm text-rose-600">
              Number {errors.fields.number}
            </p>
          )}
        </div>
        <div className="w-full sm:w-56">
          <label className="sr-only" htmlFor={`${ids}-s`}>
            Lead source
          </label>
          <input
            id={`${ids}-s`}
            ref={sourceInput}
            value={source}
            onChange={(e) => setSource(e.target.value)}
            placeholder="Source, e.g. Newspaper ad"
            maxLength={NUMBER_SOURCE_MAX}
            list={listId}
            className={`${inputBaseClass} w-full`}
            aria-invalid={errors.fields.source ? true : undefined}
            aria-describedby={errors.fields.source ? `${ids}-s-error` : undefined}
          />
          {errors.fields.source && (
            <p id={`${ids}-s-error`} className="mt-1 text-sm text-rose-600">
              Source {errors.fields.source}
            </p>
          )}
        </div>
        <Button type="submit" loading={add.isPending} disabled={!number.trim() || !source.trim()}>
          Add number
        </Button>
      </form>
      <div className="mt-2">
        <FormAlert error={add.error} fields={errors.fields} shown={["number", "source"]} />
        {add.isSuccess && (
          <p role="status" className="text-sm text-slate-600">
            {add.data.created
              ? `Added ${add.data.display}: ${add.data.source}.`
              : `${add.data.display} was listed already; its source is now ${add.data.source}.`}
          </p>
        )}
      </div>
    </Panel>
  );
}
