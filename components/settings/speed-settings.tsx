"use client";
// Speed to lead: how soon a new lead must be called (by default and per source), when its owner is
// reminded, how many open new leads an agent may hold, when an agent counts as away, and whether the
// dialer offers new leads first. Admins change them; managers read them.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputBaseClass, inputClass } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { FormAlert, useFormErrors } from "@/components/ui/form-errors";
import { Panel } from "@/components/ui/panel";
import { QueryState } from "@/components/ui/query-state";
import { onSubmit } from "@/components/ui/submit";
import { reacting } from "@/lib/queries/api";
import { saveSpeedSettingsMutation, speedSettingsOptions } from "@/lib/queries/routing";
import { type SpeedSettings, speedSettingsSchema } from "@/lib/routing/schemas";

interface TargetRow {
  /** The row's own key (rows are added and removed in any order). */
  key: number;
  source: string;
  minutes: string;
}
let lastRowKey = 0;
const newRow = (source = "", minutes = "2"): TargetRow => ({ key: ++lastRowKey, source, minutes });

/** A number input's value: NaN when empty (the schema says what is wrong), else the number. */
const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));
/** Empty means "none" (no cap, never away). */
const orNull = (s: string) => (s.trim() === "" ? null : Number(s));
const text = (n: number | null) => (n === null ? "" : String(n));

function SpeedForm({ initial, sources, readOnly }: { initial: SpeedSettings; sources: string[]; readOnly: boolean }) {
  const id = useId();
  const [target, setTarget] = useState(String(initial.defaultTargetMinutes));
  const [rows, setRows] = useState<TargetRow[]>(() => Object.entries(initial.targets).map(([source, m]) => newRow(source, String(m))));
  const [remind, setRemind] = useState(String(Math.round(initial.remindAtShare * 100)));
  const [capacity, setCapacity] = useState(text(initial.capacity));
  const [away, setAway] = useState(text(initial.awayAfterMinutes));
  const [newFirst, setNewFirst] = useState(initial.dialerNewLeadsFirst);
  const errors = useFormErrors();
  const save = useMutation(reacting(saveSpeedSettingsMutation(), { onSuccess: () => errors.clear(), onError: errors.fromError }));
  const f = errors.fields;

  const submit = () => {
    const named = rows.filter((r) => r.source.trim() || r.minutes.trim());
    const unnamed = named.findIndex((r) => !r.source.trim());
    if (unnamed >= 0) return errors.set({ [`rows.${unnamed}`]: "name the source" });
    const seen = new Set<string>();
    for (const r of named) {
      const key = r.source.trim();
      if (seen.has(key.toLowerCase())) return errors.set({ [`targets.${key}`]: "is listed twice" });
      seen.add(key.toLowerCase());
    }
    const input = errors.check(speedSettingsSchema, {
      defaultTargetMinutes: num(target),
      targets: Object.fromEntries(named.map((r) => [r.source.trim(), num(r.minutes)])),
      remindAtShare: num(remind) / 100,
      capacity: orNull(capacity),
      awayAfterMinutes: orNull(away),
      dialerNewLeadsFirst: newFirst,
    });
    if (input) save.mutate(input);
  };

  const rowError = (r: TargetRow, i: number) => f[`rows.${i}`] ?? (r.source.trim() ? f[`targets.${r.source.trim()}`] : undefined);
  return (
    <form className="mt-3 space-y-4" noValidate onSubmit={onSubmit(submit)} aria-label="Speed to lead" data-testid="speed-settings">
      <fieldset disabled={readOnly || save.isPending} className="space-y-4">
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <Field label="First call within (minutes)" error={f.defaultTargetMinutes} hint="For sources without their own target">
            {(p) => (
              <input
                {...p}
                type="number"
                min={1}
                max={1440}
                value={target}
                onChange={(e) => setTarget(e.target.value)}
                className={inputClass}
              />
            )}
          </Field>
          <Field label="Remind the owner at (% of the target)" error={f.remindAtShare} hint="60: at 3 of 5 minutes">
            {(p) => (
              <input
                {...p}
                type="number"
                min={10}
                max={95}
                value={remind}
                onChange={(e) => setRemind(e.target.value)}
                className={inputClass}
              />
            )}
          </Field>
          <Field label="Most open new leads per agent" error={f.capacity} hint="Empty: no cap">
            {(p) => (
              <input {...p} type="number" min={1} value={capacity} onChange={(e) => setCapacity(e.target.value)} className={inputClass} />
            )}
          </Field>
          <Field label="Away after (minutes without the app open)" error={f.awayAfterMinutes} hint="Empty: never skipped for it">
            {(p) => (
              <input
                {...p}
                type="number"
                min={1}
                max={1440}
                value={away}
                onChange={(e) => setAway(e.target.value)}
                className={inputClass}
              />
            )}
          </Field>
        </div>

        <fieldset>
          <legend className="text-sm font-medium text-slate-700">First-call target per source</legend>
          <datalist id={`${id}-sources`}>
            {sources.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
          {rows.length === 0 ? (
            <p className="mt-1 text-sm text-slate-500">Every source has the target above.</p>
          ) : (
            <ul className="mt-2 space-y-2">
              {rows.map((r, i) => {
                const error = rowError(r, i);
                const set = (next: TargetRow) => setRows(rows.map((x, j) => (j === i ? next : x)));
                return (
                  <li key={r.key}>
                    <div className="flex flex-wrap items-center gap-2">
                      <input
                        aria-label={`Source ${i + 1}`}
                        list={`${id}-sources`}
                        value={r.source}
                        onChange={(e) => set({ ...r, source: e.target.value })}
                        maxLength={120}
                        placeholder="e.g. IndiaMART"
                        className={`${inputBaseClass} w-full sm:w-64`}
                        aria-invalid={error ? true : undefined}
                      />
                      <input
                        aria-label={`Minutes for ${r.source.trim() || `source ${i + 1}`}`}
                        type="number"
                        min={1}
                        max={1440}
                        value={r.minutes}
                        onChange={(e) => set({ ...r, minutes: e.target.value })}
                        className={`${inputBaseClass} w-20`}
                        aria-invalid={error ? true : undefined}
                      />
                      <span className="text-sm text-slate-600">min</span>
                      {!readOnly && (
                        <Button
                          size="sm"
                          variant="ghost"
                          onClick={() => setRows(rows.filter((_, j) => j !== i))}
                          aria-label={`Remove ${r.source.trim() || `source ${i + 1}`}`}
                        >
                          Remove
                        </Button>
                      )}
                    </div>
                    {error && <p className="mt-1 text-sm text-rose-600">{error[0]!.toUpperCase() + error.slice(1)}</p>}
                  </li>
                );
              })}
            </ul>
          )}
          {!readOnly && (
            <Button size="sm" variant="secondary" className="mt-2" onClick={() => setRows([...rows, newRow()])}>
              Add a source
            </Button>
          )}
        </fieldset>

        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            className="mt-0.5 size-4 rounded border-slate-300"
            checked={newFirst}
            onChange={(e) => setNewFirst(e.target.checked)}
          />
          <span>
            Dialer offers new leads first
            <span className="block text-xs text-slate-500">
              An agent's own new leads nobody has called yet come before follow-ups and campaigns.
            </span>
          </span>
        </label>
      </fieldset>
      <FormAlert
        error={save.error}
        fields={f}
        shown={[
          "defaultTargetMinutes",
          "remindAtShare",
          "capacity",
          "awayAfterMinutes",
          "rows.*",
          ...rows.map((r) => `targets.${r.source.trim()}`),
        ]}
      />
      {readOnly ? (
        <p className="text-sm text-slate-500">Only admins change these.</p>
      ) : (
        <div className="flex flex-wrap items-center gap-3">
          <FormActions submit="Save" loading={save.isPending} size="sm" className="flex" />
          {save.isSuccess && (
            <p role="status" className="text-sm text-slate-600">
              Saved.
            </p>
          )}
        </div>
      )}
    </form>
  );
}

export function SpeedSettingsPanel({ readOnly, sources }: { readOnly: boolean; sources: string[] }) {
  const settings = useQuery(speedSettingsOptions());
  return (
    <Panel
      title="Speed to lead"
      description="How soon a new lead must get its first call (counted inside calling hours), and who can take new leads."
    >
      <QueryState query={settings} what="the speed-to-lead settings" className="mt-3">
        {(d) => <SpeedForm initial={d} sources={sources} readOnly={readOnly} />}
      </QueryState>
    </Panel>
  );
}
