"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { SAVES_TYPED_WORK } from "@/components/providers";
import { Field, inputClass } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { FormAlert, useFormErrors } from "@/components/ui/form-errors";
import { Options } from "@/components/ui/options";
import type { CustomFieldDef } from "@/lib/custom-fields/values";
import type { LeadDto } from "@/lib/leads/dto";
import { type UpdateLeadInput, updateLeadSchema } from "@/lib/leads/schemas";
import { reacting } from "@/lib/queries/api";
import { customFieldsOptions } from "@/lib/queries/custom-fields";
import { updateLeadMutation } from "@/lib/queries/leads";
import { assignableUsersOptions } from "@/lib/queries/users";
import { activeFields, CustomFieldInputs, readCustomFields } from "./custom-field-inputs";
import { type PhoneRow, PhonesEditor } from "./phones-editor";

/** The keys this form shows under a field (the numbers editor shows each number's error and the list's). */
const shownFields = (numbers: number, canAssign: boolean) => [
  "name",
  "phone",
  "phones",
  ...Array.from({ length: numbers }, (_, i) => `phones.${i}.number`),
  "email",
  "source",
  "fields.*",
  ...(canAssign ? ["ownerId"] : []),
];

export function EditLeadForm({ lead, canAssign, onDone }: { lead: LeadDto; canAssign: boolean; onDone: () => void }) {
  const errors = useFormErrors();
  const fields = errors.fields;
  const [phones, setPhones] = useState<PhoneRow[]>(() =>
    lead.phones.map((p) => ({ number: p.display, label: p.label as PhoneRow["label"], primary: p.primary })),
  );
  const users = useQuery({ ...assignableUsersOptions(), enabled: canAssign });
  // Whom this user may give leads to (a manager: their team), and always the current owner.
  const ownerOptions: { id: string; name: string }[] = (users.data?.items ?? []).filter((u) => u.assignable || u.id === lead.owner?.id);
  if (lead.owner && !ownerOptions.some((u) => u.id === lead.owner!.id)) ownerOptions.push(lead.owner);
  const mutation = useMutation(
    reacting({ ...updateLeadMutation(lead.id), meta: SAVES_TYPED_WORK }, { onSuccess: onDone, onError: errors.fromError }),
  );
  const customFields = activeFields(useQuery(customFieldsOptions()).data?.items) as CustomFieldDef[];

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The payload names exactly the lead's fields: the form also holds controls that are not
    // fields (the primary-number radio group), which the strict schema rightly refuses.
    const form = new FormData(event.currentTarget);
    const text = (key: string) => String(form.get(key) ?? "");
    const patch: UpdateLeadInput = {
      name: text("name"),
      email: text("email"),
      source: text("source"),
      phones: phones.filter((p) => p.number.trim()).map((p) => ({ ...p, number: p.number.trim() })),
      ...(canAssign ? { ownerId: text("ownerId") || null } : {}),
      ...(customFields.length ? { fields: readCustomFields(form, customFields, "update") } : {}),
    };
    if (errors.check(updateLeadSchema, patch)) mutation.mutate(patch);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Edit lead">
      <FormAlert error={mutation.error} fields={fields} shown={shownFields(phones.length, canAssign)} />
      <Field label="Name" error={fields.name}>
        {(p) => <input {...p} name="name" defaultValue={lead.name} className={inputClass} />}
      </Field>
      <PhonesEditor rows={phones} onChange={setPhones} errors={fields} />
      <Field label="Email" error={fields.email}>
        {(p) => <input {...p} name="email" type="email" defaultValue={lead.email ?? ""} className={inputClass} />}
      </Field>
      <Field label="Source" error={fields.source}>
        {(p) => <input {...p} name="source" defaultValue={lead.source ?? ""} className={inputClass} />}
      </Field>
      <CustomFieldInputs defs={customFields} values={lead.fields} errors={fields} />
      {canAssign && (
        <Field label="Owner" error={fields.ownerId}>
          {(p) => (
            <select {...p} name="ownerId" defaultValue={lead.owner?.id ?? ""} className={inputClass}>
              <option value="">Unassigned</option>
              <Options items={ownerOptions} value={(u) => u.id} label={(u) => u.name} />
            </select>
          )}
        </Field>
      )}
      <FormActions className="flex justify-end gap-2 pt-2" submit="Save" onCancel={onDone} loading={mutation.isPending} />
    </form>
  );
}
