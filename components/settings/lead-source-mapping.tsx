"use client";
// Which of a source's keys fill which lead field, tried on the last delivery it received: the
// preview is the same reading the server does (lib/intake/fields.ts). Empty: the usual names.
import { useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { onSubmit } from "@/components/ui/submit";
import { type CustomFieldDef, displayValue } from "@/lib/custom-fields/values";
import { flattenKeys, type IntakeField, type Mapping, readCustomFields, readFields } from "@/lib/intake/fields";
import { customFieldsOptions } from "@/lib/queries/custom-fields";
import { deliveriesOptions, type LeadSourceItem, updateLeadSourceMutation } from "@/lib/queries/intake";

const EDITABLE: { field: IntakeField; label: string }[] = [
  { field: "name", label: "Name" },
  { field: "phone", label: "Phone" },
  { field: "email", label: "Email" },
  { field: "city", label: "City" },
  { field: "message", label: "What they asked" },
  { field: "subSource", label: "Campaign or form" },
  { field: "externalId", label: "Their enquiry id" },
  { field: "consent", label: "Consent box" },
];

export function MappingEditor({ source }: { source: LeadSourceItem }) {
  const ids = useId();
  const latest = useInfiniteQuery(deliveriesOptions(source.id));
  const last = latest.data?.pages[0]?.items.find((d) => d.payload !== null)?.payload ?? null;
  const keys = last ? Object.keys(flattenKeys(last)) : [];
  const [mapping, setMapping] = useState<Mapping>(source.mapping);
  const [subSource, setSubSource] = useState(source.constants.subSource ?? "");
  const save = useMutation(updateLeadSourceMutation(source.id));
  const constants = subSource.trim() ? { subSource: subSource.trim() } : {};
  const preview = last ? readFields(last, mapping, constants) : null;
  // The admin's own lead fields map as fields.<key> (else a key named like the field is taken).
  const custom = ((useQuery(customFieldsOptions()).data?.items ?? []) as CustomFieldDef[]).filter((d) => !d.archivedAt);
  const customPreview = last ? readCustomFields(last, mapping, custom) : {};
  return (
    <form
      className="space-y-3 rounded-lg bg-slate-50 p-4"
      aria-label={`Field names for ${source.name}`}
      onSubmit={onSubmit(() => {
        const cleaned = Object.fromEntries(Object.entries(mapping).filter(([, v]) => v?.trim())) as Mapping;
        save.mutate({ mapping: cleaned, constants });
      })}
    >
      <p className="text-sm text-slate-600">
        Leave a field empty to use the usual names (name, full_name, mobile, phone_number, email, message, utm_source, …). Nested keys take
        dots: <code>contact.phone</code>.
      </p>
      <datalist id={`${ids}-keys`}>
        {keys.map((k) => (
          <option key={k} value={k} />
        ))}
      </datalist>
      <div className="grid gap-3 sm:grid-cols-2">
        {EDITABLE.map(({ field, label }) => (
          <label key={field} className="block text-sm">
            <span className="font-medium text-slate-700">{label}</span>
            <input
              className={`${inputClass} mt-1`}
              list={`${ids}-keys`}
              value={mapping[field] ?? ""}
              placeholder="usual names"
              onChange={(e) => setMapping({ ...mapping, [field]: e.target.value })}
            />
          </label>
        ))}
        {custom.map((d) => {
          const key = `fields.${d.key}` as const;
          return (
            <label key={key} className="block text-sm">
              <span className="font-medium text-slate-700">{d.label}</span>
              <input
                className={`${inputClass} mt-1`}
                list={`${ids}-keys`}
                value={mapping[key] ?? ""}
                placeholder={`a key named ${d.key}`}
                onChange={(e) => setMapping({ ...mapping, [key]: e.target.value })}
              />
            </label>
          );
        })}
        <label className="block text-sm">
          <span className="font-medium text-slate-700">Every lead’s campaign (fixed)</span>
          <input className={`${inputClass} mt-1`} value={subSource} onChange={(e) => setSubSource(e.target.value)} maxLength={300} />
        </label>
      </div>
      <div className="text-sm" aria-live="polite">
        <p className="font-medium text-slate-700">On the last delivery received</p>
        {preview ? (
          <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1" data-testid="mapping-preview">
            {EDITABLE.filter(({ field }) => preview[field]).map(({ field, label }) => (
              <div key={field} className="contents">
                <dt className="text-slate-500">{label}</dt>
                <dd className="break-all text-slate-900">{preview[field]}</dd>
              </div>
            ))}
            {custom
              .filter((d) => customPreview[d.key] !== undefined)
              .map((d) => (
                <div key={d.key} className="contents">
                  <dt className="text-slate-500">{d.label}</dt>
                  <dd className="break-all text-slate-900">{displayValue(d, customPreview[d.key])}</dd>
                </div>
              ))}
            {!preview.phone && <dd className="col-span-2 text-rose-700">No phone number found: this delivery would make no lead.</dd>}
          </dl>
        ) : (
          <p className="text-slate-500">Nothing received yet: the preview shows once a delivery arrives.</p>
        )}
      </div>
      {save.error && <Alert>{save.error.message}</Alert>}
      {save.isSuccess && <Alert tone="success">Saved. New deliveries are read this way; “Try again” reads a kept one again.</Alert>}
      <Button type="submit" loading={save.isPending}>
        Save field names
      </Button>
    </form>
  );
}
