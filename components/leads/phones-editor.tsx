"use client";
// A lead's numbers: each with a label, in the order the agent puts them (moved up or down), added
// and removed in place. The top one is the primary (the one the phone icon calls by default), as the
// server keeps them (the primary first): moving a number to the top, or picking it as the primary,
// is one change, so the order on screen is the order saved.
import { useId } from "react";
import { inputBaseClass } from "@/components/ui/field";
import { ChevronDownIcon, ChevronUpIcon, XIcon } from "@/components/ui/icons";

export interface PhoneRow {
  number: string;
  label: "MOBILE" | "WORK" | "HOME" | "OTHER";
  primary: boolean;
}

const LABELS = [
  ["MOBILE", "Mobile"],
  ["WORK", "Work"],
  ["HOME", "Home"],
  ["OTHER", "Other"],
] as const;

export function PhonesEditor({
  rows,
  onChange,
  errors,
}: {
  rows: PhoneRow[];
  onChange: (rows: PhoneRow[]) => void;
  errors: Record<string, string>;
}) {
  const group = useId();
  const set = (i: number, patch: Partial<PhoneRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const topIsPrimary = (next: PhoneRow[]) => onChange(next.map((r, j) => (r.primary === (j === 0) ? r : { ...r, primary: j === 0 })));
  const move = (i: number, by: -1 | 1) => {
    const next = [...rows];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    topIsPrimary(next);
  };
  const iconButton =
    "rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:ring-2 focus-visible:ring-brand-500 " +
    "focus-visible:outline-none disabled:opacity-30";
  return (
    <fieldset className="space-y-2" data-testid="phones-editor">
      <legend className="text-sm font-medium text-slate-700">Phone numbers</legend>
      {rows.map((r, i) => {
        const error = errors[`phones.${i}.number`] ?? (i === 0 ? errors.phone : undefined);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; a number being typed has no identity yet.
          <div key={i} className="space-y-1">
            <div className="flex flex-wrap items-center gap-2">
              <input
                type="tel"
                inputMode="tel"
                aria-label={`Number ${i + 1}`}
                aria-invalid={error ? true : undefined}
                value={r.number}
                onChange={(e) => set(i, { number: e.target.value })}
                className={`${inputBaseClass} min-w-40 flex-1`}
              />
              <select
                aria-label={`Label of number ${i + 1}`}
                value={r.label}
                onChange={(e) => set(i, { label: e.target.value as PhoneRow["label"] })}
                className={`${inputBaseClass} w-24`}
              >
                {LABELS.map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </select>
              <label className="flex items-center gap-1 text-xs text-slate-600">
                <input
                  type="radio"
                  name={`${group}-primary`}
                  checked={r.primary}
                  onChange={() => topIsPrimary([r, ...rows.filter((_, j) => j !== i)])}
                />
                Primary
              </label>
              <span className="ml-auto flex items-center">
                <button
                  type="button"
                  onClick={() => move(i, -1)}
                  disabled={i === 0}
                  aria-label={`Move number ${i + 1} up`}
                  className={iconButton}
                >
                  <ChevronUpIcon />
                </button>
                <button
                  type="button"
                  onClick={() => move(i, 1)}
                  disabled={i === rows.length - 1}
                  aria-label={`Move number ${i + 1} down`}
                  className={iconButton}
                >
                  <ChevronDownIcon />
                </button>
                <button
                  type="button"
                  onClick={() => topIsPrimary(rows.filter((_, j) => j !== i))}
                  disabled={rows.length === 1}
                  aria-label={`Remove number ${i + 1}`}
                  className={`${iconButton} hover:text-rose-600`}
                >
                  <XIcon />
                </button>
              </span>
            </div>
            {error && <p className="text-sm text-rose-600">{error}</p>}
          </div>
        );
      })}
      {errors.phones && <p className="text-sm text-rose-600">{errors.phones}</p>}
      {rows.length < 10 && (
        <button
          type="button"
          onClick={() => onChange([...rows, { number: "", label: "WORK", primary: false }])}
          className="text-sm text-brand-700 hover:underline"
        >
          + Add a number
        </button>
      )}
    </fieldset>
  );
}
