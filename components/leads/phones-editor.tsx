"use client";
// A lead's numbers: each with a label, one primary (the one the phone icon calls by default).
import { inputBaseClass } from "@/components/ui/field";

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
  const set = (i: number, patch: Partial<PhoneRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="space-y-2" data-testid="phones-editor">
      <legend className="text-sm font-medium text-slate-700">Phone numbers</legend>
      {rows.map((r, i) => {
        const error = errors[`phones.${i}.number`] ?? (i === 0 ? errors.phone : undefined);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; a number being typed has no identity yet.
          <div key={i} className="space-y-1">
            <div className="flex items-center gap-2">
              <input
                type="tel"
                inputMode="tel"
                aria-label={`Number ${i + 1}`}
                aria-invalid={error ? true : undefined}
                value={r.number}
                onChange={(e) => set(i, { number: e.target.value })}
                className={`${inputBaseClass} min-w-0 flex-1`}
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
                  name="primary-phone"
                  checked={r.primary}
                  onChange={() => onChange(rows.map((x, j) => ({ ...x, primary: j === i })))}
                />
                Primary
              </label>
              <button
                type="button"
                onClick={() => {
                  const left = rows.filter((_, j) => j !== i);
                  if (r.primary && left[0]) left[0] = { ...left[0], primary: true };
                  onChange(left);
                }}
                disabled={rows.length === 1}
                aria-label={`Remove number ${i + 1}`}
                className="rounded px-1.5 text-slate-400 hover:bg-slate-100 hover:text-rose-600 disabled:opacity-30"
              >
                ✕
              </button>
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
