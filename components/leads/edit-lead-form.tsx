"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field, inputClass } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { Options } from "@/components/ui/options";
import type { LeadDto } from "@/lib/leads/dto";
import { type UpdateLeadInput, updateLeadSchema } from "@/lib/leads/schemas";
import { ApiError } from "@/lib/queries/api";
import { leadKeys, updateLead } from "@/lib/queries/leads";
import { assignableUsersOptions } from "@/lib/queries/users";
import { type PhoneRow, PhonesEditor } from "./phones-editor";

export function EditLeadForm({ lead, canAssign, onDone }: { lead: LeadDto; canAssign: boolean; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [phones, setPhones] = useState<PhoneRow[]>(() =>
    lead.phones.map((p) => ({ number: p.display, label: p.label as PhoneRow["label"], primary: p.primary })),
  );
  const users = useQuery({ ...assignableUsersOptions(), enabled: canAssign });
  // Whom this user may give leads to (a manager: their team), and always the current owner.
  const ownerOptions: { id: string; name: string }[] = (users.data?.items ?? []).filter((u) => u.assignable || u.id === lead.owner?.id);
  if (lead.owner && !ownerOptions.some((u) => u.id === lead.owner!.id)) ownerOptions.push(lead.owner);
  const mutation = useMutation({
    mutationFn: (patch: UpdateLeadInput) => updateLead(lead.id, patch),
    onSuccess: (updated) => {
      queryClient.setQueryData(leadKeys.detail(lead.id), updated);
      void queryClient.invalidateQueries({ queryKey: leadKeys.all });
      onDone();
    },
    onError: (error) => setFields(error instanceof ApiError ? error.fields : {}),
  });

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data: Record<string, unknown> = Object.fromEntries(new FormData(event.currentTarget));
    if (canAssign) data.ownerId = data.ownerId || null;
    data.phones = phones.filter((p) => p.number.trim()).map((p) => ({ ...p, number: p.number.trim() }));
    const parsed = updateLeadSchema.safeParse(data);
    if (!parsed.success) {
      setFields(Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message])));
      return;
    }
    setFields({});
    mutation.mutate(data);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Edit lead">
      {mutation.isError && !Object.keys(fields).length && <Alert>{mutation.error.message}</Alert>}
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
