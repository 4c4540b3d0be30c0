"use client";
// Admin: the lead's own fields (city, budget, product, language…). Added with a kind and, for
// choices, the options; renamed, re-ordered, made required; archived when no longer used (the
// values stay, shown on leads), deleted only while no lead holds a value.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { FormAlert, useFormErrors } from "@/components/ui/form-errors";
import { formatCount } from "@/components/ui/format";
import { Panel } from "@/components/ui/panel";
import { QueryState } from "@/components/ui/query-state";
import { CUSTOM_FIELD_TYPE_LABELS, CUSTOM_FIELD_TYPES, type CustomFieldType, hasChoices } from "@/lib/custom-fields/values";
import { reacting } from "@/lib/queries/api";
import type { CustomFieldItem } from "@/lib/queries/custom-fields";
import {
  createCustomFieldMutation,
  customFieldUsageOptions,
  deleteCustomFieldMutation,
  updateCustomFieldMutation,
} from "@/lib/queries/custom-fields-admin";

/** "Pune, Mumbai\nNagpur" → ["Pune", "Mumbai", "Nagpur"]. */
const choicesOf = (text: string) =>
  text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** "Site visit date" → "site_visit_date". */
const keyOf = (label: string) =>
  label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^[^a-z]+|_+$/g, "")
    .slice(0, 40);

function NewFieldForm() {
  const errors = useFormErrors();
  const [type, setType] = useState<CustomFieldType>("SELECT");
  const [label, setLabel] = useState("");
  const [key, setKey] = useState("");
  const create = useMutation(
    reacting(createCustomFieldMutation(), {
      onError: errors.fromError,
      onSuccess: () => {
        errors.clear();
        setLabel("");
        setKey("");
      },
    }),
  );
  return (
    <form
      className="mt-4 space-y-3"
      noValidate
      aria-label="New lead field"
      onSubmit={(e) => {
        e.preventDefault();
        const d = new FormData(e.currentTarget);
        create.mutate({
          key: key || keyOf(label),
          label,
          type,
          required: d.get("required") === "on",
          ...(hasChoices(type) ? { options: choicesOf(String(d.get("options") ?? "")) } : {}),
        });
      }}
    >
      <FormAlert error={create.error} fields={errors.fields} shown={["key", "label", "type", "options"]} />
      {create.isSuccess && <Alert tone="success">Field added: it is on every lead's page now.</Alert>}
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label="Name" error={errors.fields.label} hint="As agents read it, e.g. “City”">
          {(p) => <input {...p} value={label} onChange={(e) => setLabel(e.target.value)} className={inputClass} maxLength={80} />}
        </Field>
        <Field label="Key" error={errors.fields.key} hint="For the API, CSV and lead sources">
          {(p) => (
            <input
              {...p}
              value={key}
              placeholder={keyOf(label) || "city"}
              onChange={(e) => setKey(e.target.value)}
              className={inputClass}
            />
          )}
        </Field>
        <Field label="Kind" error={errors.fields.type}>
          {(p) => (
            <select {...p} value={type} onChange={(e) => setType(e.target.value as CustomFieldType)} className={inputClass}>
              {CUSTOM_FIELD_TYPES.map((t) => (
                <option key={t} value={t}>
                  {CUSTOM_FIELD_TYPE_LABELS[t]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {hasChoices(type) && (
        <Field label="Choices" error={errors.fields.options} hint="One per line (or separated by commas)">
          {(p) => <textarea {...p} name="options" rows={3} className={inputClass} placeholder={"Pune\nMumbai\nNagpur"} />}
        </Field>
      )}
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" name="required" className="size-4 rounded" />
        Must be filled in when someone adds or edits a lead (leads that arrive by themselves are never refused for it)
      </label>
      <Button type="submit" loading={create.isPending}>
        Add field
      </Button>
    </form>
  );
}

function FieldRow({
  field,
  first,
  last,
  neighbours,
}: {
  field: CustomFieldItem;
  first: boolean;
  last: boolean;
  neighbours: CustomFieldItem[];
}) {
  const [editing, setEditing] = useState(false);
  const errors = useFormErrors();
  const update = useMutation(
    reacting(updateCustomFieldMutation(field.id), { onError: errors.fromError, onSuccess: () => setEditing(false) }),
  );
  const remove = useMutation(deleteCustomFieldMutation(field.id));
  const archived = field.archivedAt !== null;
  const move = (by: -1 | 1) => {
    const other = neighbours[neighbours.indexOf(field) + by];
    if (other) update.mutate({ position: Math.max(0, other.position + by) });
  };
  return (
    <li className={`space-y-2 py-3 ${archived ? "text-slate-500" : ""}`} data-testid="custom-field" data-key={field.key}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="font-medium text-slate-900">{field.label}</span>
        <code className="text-xs text-slate-500">{field.key}</code>
        <span className="text-sm">{CUSTOM_FIELD_TYPE_LABELS[field.type]}</span>
        {field.required && <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs text-amber-900">Required</span>}
        {archived && <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs">Archived</span>}
        <span className="text-sm text-slate-500">{formatCount(field.leadsWithValue ?? 0)} leads with a value</span>
        <div className="flex flex-wrap gap-1 sm:ml-auto">
          {!archived && (
            <>
              <Button size="sm" variant="ghost" disabled={first} aria-label={`Move ${field.label} up`} onClick={() => move(-1)}>
                ↑
              </Button>
              <Button size="sm" variant="ghost" disabled={last} aria-label={`Move ${field.label} down`} onClick={() => move(1)}>
                ↓
              </Button>
              <Button size="sm" variant="secondary" aria-expanded={editing} onClick={() => setEditing(!editing)}>
                Change
              </Button>
            </>
          )}
          <Button size="sm" variant="ghost" loading={update.isPending && !editing} onClick={() => update.mutate({ archived: !archived })}>
            {archived ? "Use again" : "Archive"}
          </Button>
          {field.leadsWithValue === 0 && (
            <Button size="sm" variant="ghost" loading={remove.isPending} onClick={() => remove.mutate()}>
              Delete
            </Button>
          )}
        </div>
      </div>
      {hasChoices(field.type) && <p className="text-sm text-slate-600">Choices: {field.options.join(", ")}</p>}
      {(update.error ?? remove.error) && !editing && <Alert>{(update.error ?? remove.error)?.message}</Alert>}
      {editing && (
        <form
          className="space-y-3 rounded-md bg-slate-50 p-3"
          noValidate
          aria-label={`Change ${field.label}`}
          onSubmit={(e) => {
            e.preventDefault();
            const d = new FormData(e.currentTarget);
            update.mutate({
              label: String(d.get("label") ?? ""),
              required: d.get("required") === "on",
              ...(hasChoices(field.type) ? { options: choicesOf(String(d.get("options") ?? "")) } : {}),
            });
          }}
        >
          <FormAlert error={update.error} fields={errors.fields} shown={["label", "options"]} />
          <Field label="Name" error={errors.fields.label}>
            {(p) => <input {...p} name="label" defaultValue={field.label} className={inputClass} maxLength={80} />}
          </Field>
          {hasChoices(field.type) && (
            <Field label="Choices" error={errors.fields.options} hint="Values leads already hold stay as they are">
              {(p) => <textarea {...p} name="options" rows={3} defaultValue={field.options.join("\n")} className={inputClass} />}
            </Field>
          )}
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" name="required" defaultChecked={field.required} className="size-4 rounded" />
            Required
          </label>
          <Button type="submit" size="sm" loading={update.isPending}>
            Save
          </Button>
        </form>
      )}
    </li>
  );
}

export function CustomFields() {
  const fields = useQuery(customFieldUsageOptions());
  return (
    <Panel
      title="Lead fields"
      description={
        "Your own fields on every lead (city, budget, project, language…): shown and edited on the lead's page, " +
        "filtered in the lead list, in CSV import and export, the API and lead sources."
      }
    >
      <NewFieldForm />
      <QueryState query={fields} what="lead fields" className="mt-5">
        {(d) => {
          const active = d.items.filter((f) => !f.archivedAt);
          return d.items.length === 0 ? (
            <p className="mt-5 text-sm text-slate-500">No fields of your own yet.</p>
          ) : (
            <ul className="mt-4 divide-y divide-slate-100">
              {d.items.map((f) => (
                <FieldRow key={f.id} field={f} first={active[0] === f} last={active.at(-1) === f} neighbours={active} />
              ))}
            </ul>
          );
        }}
      </QueryState>
    </Panel>
  );
}
