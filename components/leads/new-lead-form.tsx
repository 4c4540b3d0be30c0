"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field, inputClass } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { FormAlert, useFormErrors } from "@/components/ui/form-errors";
import type { CustomFieldDef } from "@/lib/custom-fields/values";
import { type CreateLeadInput, createLeadSchema } from "@/lib/leads/schemas";
import { ApiError, reacting } from "@/lib/queries/api";
import { customFieldsOptions } from "@/lib/queries/custom-fields";
import { createLeadMutation } from "@/lib/queries/leads";
import { activeFields, CustomFieldInputs, readCustomFields } from "./custom-field-inputs";

export function NewLeadForm({ onDone }: { onDone: () => void }) {
  const router = useRouter();
  const errors = useFormErrors();
  const fields = errors.fields;
  const [existing, setExisting] = useState<{ id: string; name: string } | null>(null);
  const customFields = activeFields(useQuery(customFieldsOptions()).data?.items) as CustomFieldDef[];
  const mutation = useMutation(
    reacting(createLeadMutation(), {
      onSuccess: (lead) => {
        onDone();
        router.push(`/leads/${lead.id}`);
      },
      onError: (error) => {
        errors.fromError(error);
        setExisting(error instanceof ApiError ? ((error.body.existingLead as { id: string; name: string } | undefined) ?? null) : null);
      },
    }),
  );

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (key: string) => String(form.get(key) ?? "");
    const input: CreateLeadInput = {
      name: text("name"),
      phone: text("phone"),
      email: text("email"),
      source: text("source"),
      fields: readCustomFields(form, customFields, "create"),
    };
    // The same schema the server applies: instant feedback, one source of truth.
    if (!errors.check(createLeadSchema, input)) return;
    setExisting(null);
    mutation.mutate(input);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label="New lead">
      {!existing && <FormAlert error={mutation.error} fields={fields} shown={["name", "phone", "email", "source", "fields.*"]} />}
      {existing && (
        <Alert tone="warning">
          This phone belongs to{" "}
          <a className="font-medium underline" href={`/leads/${existing.id}`}>
            {existing.name}
          </a>
          .
        </Alert>
      )}
      <Field label="Name" error={fields.name}>
        {(p) => <input {...p} name="name" required autoFocus className={inputClass} />}
      </Field>
      <Field label="Phone" error={fields.phone} hint="Indian numbers can omit +91.">
        {(p) => <input {...p} name="phone" type="tel" required inputMode="tel" className={inputClass} placeholder="98765 43210" />}
      </Field>
      <Field label="Email (optional)" error={fields.email}>
        {(p) => <input {...p} name="email" type="email" className={inputClass} />}
      </Field>
      <Field label="Source (optional)" error={fields.source}>
        {(p) => <input {...p} name="source" className={inputClass} placeholder="Website, Referral…" />}
      </Field>
      <CustomFieldInputs defs={customFields} errors={fields} />
      <FormActions className="flex justify-end gap-2 pt-2" submit="Create lead" onCancel={onDone} loading={mutation.isPending} />
    </form>
  );
}
