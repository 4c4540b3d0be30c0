"use client";
// A lead's custom fields as form inputs (new lead, edit lead), one per active field by its kind,
// named cf.<key>; and reading them back from the form as the API's `fields`.
import { Field, inputClass } from "@/components/ui/field";
import { type CustomFieldDef, type FieldValues, hasChoices } from "@/lib/custom-fields/values";

const INPUT_TYPE: Partial<Record<CustomFieldDef["type"], string>> = {
  NUMBER: "number",
  DATE: "date",
  PHONE: "tel",
  EMAIL: "email",
  URL: "url",
};

export const activeFields = <T extends Pick<CustomFieldDef, "archivedAt">>(defs: T[] | undefined) =>
  (defs ?? []).filter((d) => !d.archivedAt);

export function CustomFieldInputs({
  defs,
  values = {},
  errors,
}: {
  defs: CustomFieldDef[];
  values?: FieldValues;
  errors: Record<string, string>;
}) {
  if (defs.length === 0) return null;
  return (
    <div className="grid gap-3 sm:grid-cols-2" data-testid="custom-field-inputs">
      {defs.map((d) => {
        const name = `cf.${d.key}`;
        const error = errors[`fields.${d.key}`];
        const label = `${d.label}${d.required ? "" : " (optional)"}`;
        const value = values[d.key];
        if (d.type === "CHECKBOX")
          return (
            <label key={d.key} className="flex items-center gap-2 self-end pb-2 text-sm text-slate-700">
              <input type="checkbox" name={name} defaultChecked={value === true} className="size-4 rounded" />
              {d.label}
              {error && <span className="text-rose-600"> · {error}</span>}
            </label>
          );
        if (d.type === "MULTI_SELECT")
          return (
            <fieldset key={d.key} className="sm:col-span-2">
              <legend className="text-sm font-medium text-slate-700">{label}</legend>
              <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                {d.options.map((o) => (
                  <label key={o} className="flex items-center gap-2 text-sm text-slate-700">
                    <input
                      type="checkbox"
                      name={name}
                      value={o}
                      defaultChecked={Array.isArray(value) && value.includes(o)}
                      className="size-4 rounded"
                    />
                    {o}
                  </label>
                ))}
              </div>
              {error && <p className="mt-1 text-sm text-rose-600">{error}</p>}
            </fieldset>
          );
        return (
          <div key={d.key} className={d.type === "LONG_TEXT" ? "sm:col-span-2" : undefined}>
            <Field label={label} error={error}>
              {(p) =>
                hasChoices(d.type) ? (
                  <select {...p} name={name} defaultValue={typeof value === "string" ? value : ""} className={inputClass}>
                    <option value="">—</option>
                    {d.options.map((o) => (
                      <option key={o} value={o}>
                        {o}
                      </option>
                    ))}
                  </select>
                ) : d.type === "LONG_TEXT" ? (
                  <textarea {...p} name={name} defaultValue={typeof value === "string" ? value : ""} rows={3} className={inputClass} />
                ) : (
                  <input
                    {...p}
                    name={name}
                    type={INPUT_TYPE[d.type] ?? "text"}
                    step={d.type === "NUMBER" ? "any" : undefined}
                    defaultValue={value === undefined || Array.isArray(value) ? "" : String(value)}
                    className={inputClass}
                  />
                )
              }
            </Field>
          </div>
        );
      })}
    </div>
  );
}

/**
 * The form's custom fields as the API's `fields`: a new lead sends what was filled in; a change
 * sends every shown field (an emptied one as null, which clears it).
 */
export function readCustomFields(form: FormData, defs: CustomFieldDef[], mode: "create" | "update"): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const d of defs) {
    const name = `cf.${d.key}`;
    let value: unknown;
    if (d.type === "CHECKBOX") value = form.get(name) === "on";
    else if (d.type === "MULTI_SELECT") {
      const list = form.getAll(name).map(String);
      value = list.length ? list : null;
    } else {
      const text = String(form.get(name) ?? "").trim();
      value = text === "" ? null : d.type === "NUMBER" ? Number(text) : text;
    }
    if (value === null && mode === "create") continue;
    out[d.key] = value;
  }
  return Object.keys(out).length ? out : undefined;
}
