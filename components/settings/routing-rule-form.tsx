"use client";
// One routing rule's form (adding one, or changing one in place): its name, when it applies (sources,
// sub-source, lead field values, hours and days in India time), whom it gives leads to, and what
// happens when nobody calls in time. Checked in the browser with the server's schema; the server's
// 422 lands under the field it names. The fallback's conditions are fixed, so its form has none.
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputBaseClass, inputClass } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { FormAlert, useFormErrors } from "@/components/ui/form-errors";
import { onSubmit } from "@/components/ui/submit";
import { reacting } from "@/lib/queries/api";
import type { CustomFieldItem } from "@/lib/queries/custom-fields";
import { createRuleMutation, type RoutingRuleItem, updateRuleMutation } from "@/lib/queries/routing";
import type { AssignableUser } from "@/lib/queries/users";
import { BREACH_LABELS, type BreachCode, TARGET_LABELS, type TargetCode, WEEKDAY_SHORT } from "@/lib/routing/describe";
import { createRuleSchema, type RuleConditions, updateRuleSchema } from "@/lib/routing/schemas";

export interface Viewer {
  id: string;
  role: "ADMIN" | "MANAGER";
}

/** The people a rule of this kind may give leads to, as this viewer may choose them ("" = every agent). */
export function targetChoices(target: TargetCode, users: AssignableUser[], viewer: Viewer): { value: string; label: string }[] {
  const admin = viewer.role === "ADMIN";
  const roleNote = (u: AssignableUser) =>
    u.id === viewer.id ? " (you)" : u.role === "MANAGER" ? " (manager)" : u.role === "ADMIN" ? " (admin)" : "";
  if (target === "USER") return users.filter((u) => admin || u.assignable).map((u) => ({ value: u.id, label: `${u.name}${roleNote(u)}` }));
  if (target === "MANAGER_QUEUE")
    return users.filter((u) => u.role !== "AGENT" && (admin || u.id === viewer.id)).map((u) => ({ value: u.id, label: u.name }));
  if (!admin) return [{ value: viewer.id, label: "Your team" }];
  const managers = users.filter((u) => u.role === "MANAGER").map((u) => ({ value: u.id, label: `${u.name}'s team` }));
  return [{ value: "", label: "Every agent (the whole floor)" }, ...managers];
}

/** The first error at this key or under it ("conditions.sources" covers "conditions.sources.0"). */
const errorAt = (fields: Record<string, string>, key: string) =>
  Object.entries(fields).find(([k]) => k === key || k.startsWith(`${key}.`))?.[1];

/** Values as removable chips, added with Enter, the Add button, or by leaving the box. */
function ValuesInput({
  label,
  values,
  onChange,
  listId,
  placeholder,
  error,
  hint,
}: {
  label: string;
  values: string[];
  onChange: (v: string[]) => void;
  listId?: string;
  placeholder?: string;
  error?: string;
  hint?: string;
}) {
  const [draft, setDraft] = useState("");
  const add = () => {
    const v = draft.trim();
    if (v && !values.some((x) => x.toLowerCase() === v.toLowerCase())) onChange([...values, v]);
    setDraft("");
  };
  return (
    <Field label={label} error={error} hint={hint}>
      {(p) => (
        <div>
          {values.length > 0 && (
            <ul className="mb-2 flex flex-wrap gap-1.5" aria-label={`${label}: chosen`}>
              {values.map((v) => (
                <li
                  key={v}
                  className="flex max-w-full items-center gap-1 rounded-full bg-brand-50 py-0.5 pr-1 pl-2.5 text-sm text-brand-800"
                >
                  <span className="break-all">{v}</span>
                  <button
                    type="button"
                    className="rounded-full px-1.5 text-brand-700 hover:bg-brand-100"
                    aria-label={`Remove ${v}`}
                    onClick={() => onChange(values.filter((x) => x !== v))}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="flex gap-2">
            <input
              {...p}
              value={draft}
              list={listId}
              placeholder={placeholder}
              maxLength={120}
              className={`${inputBaseClass} min-w-0 flex-1`}
              onChange={(e) => setDraft(e.target.value)}
              onBlur={add}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  add();
                }
              }}
            />
            <Button size="sm" variant="secondary" className="h-9" onClick={add} disabled={!draft.trim()}>
              Add
            </Button>
          </div>
        </div>
      )}
    </Field>
  );
}

interface FieldRow {
  /** The row's own React key (rows are added and removed in any order). */
  row: number;
  key: string;
  values: string[];
}
let lastRow = 0;
const newRow = (key = "", values: string[] = []): FieldRow => ({ row: ++lastRow, key, values });

export function RuleForm({
  rule,
  users,
  fields,
  sources,
  viewer,
  onDone,
}: {
  /** Absent: a new rule (added just before the fallback). */
  rule?: RoutingRuleItem;
  users: AssignableUser[];
  /** Custom lead fields in use (not archived). */
  fields: CustomFieldItem[];
  sources: string[];
  viewer: Viewer;
  onDone: () => void;
}) {
  const id = useId();
  const c: RuleConditions = rule?.conditions ?? {};
  const fallback = rule?.isFallback ?? false;
  const [name, setName] = useState(rule?.name ?? "");
  const [enabled, setEnabled] = useState(rule?.enabled ?? true);
  const [sourceList, setSourceList] = useState<string[]>(c.sources ?? []);
  const [subSource, setSubSource] = useState(c.subSourceContains ?? "");
  const [rows, setRows] = useState<FieldRow[]>(() => Object.entries(c.fields ?? {}).map(([key, values]) => newRow(key, values)));
  const [hoursOn, setHoursOn] = useState(!!c.hours);
  const [from, setFrom] = useState(c.hours?.from ?? "09:00");
  const [to, setTo] = useState(c.hours?.to ?? "18:00");
  const [days, setDays] = useState<number[]>(c.hours?.days ?? [1, 2, 3, 4, 5, 6]);
  const [target, setTarget] = useState<TargetCode>(rule?.target ?? "ROUND_ROBIN");
  const [person, setPerson] = useState(rule?.targetUserId ?? (viewer.role === "MANAGER" ? viewer.id : ""));
  const [onBreach, setOnBreach] = useState<BreachCode>(rule?.onBreach ?? "REASSIGN");
  const errors = useFormErrors();
  const done = { onSuccess: onDone, onError: errors.fromError };
  const create = useMutation(reacting(createRuleMutation(), done));
  const update = useMutation(reacting(updateRuleMutation(rule?.id ?? ""), done));
  const pending = create.isPending || update.isPending;
  const choices = targetChoices(target, users, viewer);
  const fieldsById = new Map(fields.map((f) => [f.key, f]));

  const changeTarget = (t: TargetCode) => {
    setTarget(t);
    const next = targetChoices(t, users, viewer);
    if (!next.some((ch) => ch.value === person)) setPerson(next[0]?.value ?? "");
  };

  const conditions = (): RuleConditions => {
    const held = rows.filter((r) => r.key);
    return {
      ...(sourceList.length ? { sources: sourceList } : {}),
      ...(subSource.trim() ? { subSourceContains: subSource.trim() } : {}),
      ...(held.length ? { fields: Object.fromEntries(held.map((r) => [r.key, r.values])) } : {}),
      ...(hoursOn ? { hours: { from, to, ...(days.length && days.length < 7 ? { days } : {}) } } : {}),
    };
  };

  const submit = () => {
    if (hoursOn && days.length === 0) return errors.set({ "conditions.hours.days": "choose at least one day" });
    const empty = rows.find((r) => r.key && r.values.length === 0);
    if (empty) return errors.set({ [`conditions.fields.${empty.key}`]: "give at least one value" });
    const base = { name, target, targetUserId: person || null, onBreach };
    if (rule) {
      const input = errors.check(updateRuleSchema, fallback ? base : { ...base, enabled, conditions: conditions() });
      if (input) update.mutate(input);
    } else {
      const input = errors.check(createRuleSchema, { ...base, enabled, conditions: conditions() });
      if (input) create.mutate(input);
    }
  };

  const f = errors.fields;
  const shown = ["name", "target", "targetUserId", "onBreach", "enabled", "conditions.*"];
  const unusedFields = (current: string) => fields.filter((d) => d.key === current || !rows.some((r) => r.key === d.key));
  return (
    <form
      className="space-y-4 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200"
      noValidate
      aria-label={rule ? `Change rule “${rule.name}”` : "New routing rule"}
      onSubmit={onSubmit(submit)}
      onKeyDown={(e) => e.key === "Escape" && onDone()}
      data-testid="routing-rule-form"
    >
      <FormAlert error={create.error ?? update.error} fields={f} shown={shown} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Rule name" error={f.name} hint="e.g. “IndiaMART to the Pune team”">
          {(p) => <input {...p} autoFocus value={name} onChange={(e) => setName(e.target.value)} maxLength={80} className={inputClass} />}
        </Field>
        {!fallback && (
          <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-700">
            <input
              type="checkbox"
              className="size-4 rounded border-slate-300"
              checked={enabled}
              onChange={(e) => setEnabled(e.target.checked)}
            />
            Rule is on
          </label>
        )}
      </div>

      {fallback ? (
        <p className="text-sm text-slate-600">This rule takes every lead no rule above takes; it has no conditions and is always last.</p>
      ) : (
        <fieldset className="space-y-3">
          <legend className="text-sm font-semibold text-slate-900">When (every condition given must hold; none: any lead)</legend>
          <datalist id={`${id}-sources`}>
            {sources.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
          <div className="grid gap-3 sm:grid-cols-2">
            <ValuesInput
              label="Source is one of"
              values={sourceList}
              onChange={setSourceList}
              listId={`${id}-sources`}
              placeholder="e.g. IndiaMART"
              error={errorAt(f, "conditions.sources")}
            />
            <Field
              label="Sub-source contains"
              error={errorAt(f, "conditions.subSourceContains")}
              hint="A form, campaign or product; any case"
            >
              {(p) => (
                <input {...p} value={subSource} onChange={(e) => setSubSource(e.target.value)} maxLength={120} className={inputClass} />
              )}
            </Field>
          </div>
          {rows.map((row, i) => {
            const def = fieldsById.get(row.key);
            const setRow = (next: FieldRow) => setRows(rows.map((r, j) => (j === i ? next : r)));
            return (
              <div
                key={row.row}
                className="grid items-start gap-2 rounded-md bg-white p-3 ring-1 ring-slate-200 sm:grid-cols-[12rem_1fr_auto]"
              >
                <Field label="Lead field">
                  {(p) => (
                    <select
                      {...p}
                      className={inputClass}
                      value={row.key}
                      onChange={(e) => setRow({ ...row, key: e.target.value, values: [] })}
                    >
                      <option value="">Choose a field</option>
                      {unusedFields(row.key).map((d) => (
                        <option key={d.key} value={d.key}>
                          {d.label}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <ValuesInput
                  label="is one of"
                  values={row.values}
                  onChange={(values) => setRow({ ...row, values })}
                  listId={def?.options.length ? `${id}-field-${row.row}` : undefined}
                  placeholder={def?.options[0] ? `e.g. ${def.options[0]}` : "e.g. Pune"}
                  error={row.key ? errorAt(f, `conditions.fields.${row.key}`) : undefined}
                />
                {def?.options.length ? (
                  <datalist id={`${id}-field-${row.row}`}>
                    {def.options.map((o) => (
                      <option key={o} value={o} />
                    ))}
                  </datalist>
                ) : null}
                <Button
                  size="sm"
                  variant="ghost"
                  className="sm:mt-6"
                  onClick={() => setRows(rows.filter((_, j) => j !== i))}
                  aria-label={`Remove the condition on ${def?.label ?? "a lead field"}`}
                >
                  Remove
                </Button>
              </div>
            );
          })}
          {fields.length > rows.length && (
            <Button size="sm" variant="secondary" onClick={() => setRows([...rows, newRow()])}>
              Add a lead field condition
            </Button>
          )}
          <div className="space-y-2">
            <label className="flex items-center gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                className="size-4 rounded border-slate-300"
                checked={hoursOn}
                onChange={(e) => setHoursOn(e.target.checked)}
              />
              Only leads that arrive at certain times (India time)
            </label>
            {hoursOn && (
              <div className="space-y-2 pl-6">
                <div className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
                  <label htmlFor={`${id}-from`}>From</label>
                  <input
                    id={`${id}-from`}
                    type="time"
                    className={`${inputBaseClass} w-36`}
                    value={from}
                    onChange={(e) => setFrom(e.target.value)}
                    aria-invalid={f["conditions.hours.from"] ? true : undefined}
                  />
                  <label htmlFor={`${id}-to`}>until</label>
                  <input
                    id={`${id}-to`}
                    type="time"
                    className={`${inputBaseClass} w-36`}
                    value={to}
                    onChange={(e) => setTo(e.target.value)}
                    aria-invalid={f["conditions.hours.to"] ? true : undefined}
                  />
                  {from > to && <span className="text-slate-500">(overnight: until {to} the next morning)</span>}
                </div>
                {(f["conditions.hours.from"] || f["conditions.hours.to"]) && (
                  <p className="text-sm text-rose-600">
                    {f["conditions.hours.from"] ? `From ${f["conditions.hours.from"]}` : `Until ${f["conditions.hours.to"]}`}
                  </p>
                )}
                <fieldset>
                  <legend className="text-sm text-slate-700">On</legend>
                  <div className="mt-1 flex flex-wrap gap-x-4 gap-y-2">
                    {WEEKDAY_SHORT.map((d, i) => (
                      <label key={d} className="flex items-center gap-1.5 text-sm text-slate-700">
                        <input
                          type="checkbox"
                          className="size-4 rounded border-slate-300"
                          checked={days.includes(i + 1)}
                          onChange={(e) => setDays(e.target.checked ? [...days, i + 1].sort() : days.filter((x) => x !== i + 1))}
                        />
                        {d}
                      </label>
                    ))}
                  </div>
                  {errorAt(f, "conditions.hours.days") && (
                    <p className="mt-1 text-sm text-rose-600">Days: {errorAt(f, "conditions.hours.days")}</p>
                  )}
                </fieldset>
              </div>
            )}
          </div>
        </fieldset>
      )}

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-900">Give to</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Who" error={f.target}>
            {(p) => (
              <select {...p} className={inputClass} value={target} onChange={(e) => changeTarget(e.target.value as TargetCode)}>
                {(Object.keys(TARGET_LABELS) as TargetCode[]).map((t) => (
                  <option key={t} value={t}>
                    {TARGET_LABELS[t]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label={target === "USER" ? "Person" : target === "MANAGER_QUEUE" ? "Manager" : "Team"}
            error={f.targetUserId}
            hint={choices.length === 0 ? "Nobody to choose: add people on Settings → Users" : undefined}
          >
            {(p) => (
              <select {...p} className={inputClass} value={person} onChange={(e) => setPerson(e.target.value)}>
                {!choices.some((ch) => ch.value === person) && (
                  <option value={person}>{person ? "Someone no longer here" : "Choose"}</option>
                )}
                {choices.map((ch) => (
                  <option key={ch.value} value={ch.value}>
                    {ch.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </fieldset>

      <fieldset>
        <legend className="text-sm font-semibold text-slate-900">If nobody calls within the first-call target</legend>
        <div className="mt-1 space-y-1">
          {(Object.keys(BREACH_LABELS) as BreachCode[]).map((b) => (
            <label key={b} className="flex items-center gap-2 text-sm text-slate-700">
              <input type="radio" name={`${id}-breach`} className="size-4" checked={onBreach === b} onChange={() => setOnBreach(b)} />
              {BREACH_LABELS[b]}
            </label>
          ))}
        </div>
        {f.onBreach && <p className="mt-1 text-sm text-rose-600">{f.onBreach}</p>}
      </fieldset>

      <FormActions submit={rule ? "Save rule" : "Add rule"} onCancel={onDone} loading={pending} size="sm" />
    </form>
  );
}
