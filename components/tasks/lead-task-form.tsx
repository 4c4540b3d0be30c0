"use client";
// The lead page's "add follow-up" form (lead-tasks.tsx keeps what was typed while it is closed).
import { useMutation } from "@tanstack/react-query";
import { SAVES_TYPED_WORK } from "@/components/providers";
import { fromLocalInput } from "@/components/ui/datetime";
import { Field, inputClass } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { apiFieldErrors, FormAlert } from "@/components/ui/form-errors";
import { onSubmit } from "@/components/ui/submit";
import { reacting } from "@/lib/queries/api";
import { createTaskMutation } from "@/lib/queries/tasks";

export function LeadTaskForm({
  leadId,
  title,
  setTitle,
  due,
  setDue,
  onDone,
}: {
  leadId: string;
  title: string;
  setTitle: (title: string) => void;
  due: string;
  setDue: (due: string) => void;
  onDone: () => void;
}) {
  const create = useMutation(reacting({ ...createTaskMutation(), meta: SAVES_TYPED_WORK }, { onSuccess: () => onDone() }));
  const add = () => create.mutate({ leadId, title, dueAt: fromLocalInput(due)?.toISOString() ?? due });
  const fields = apiFieldErrors(create.error);
  return (
    <form className="mt-3 space-y-2 border-t border-slate-100 pt-3" onSubmit={onSubmit(add)}>
      <Field label="What" small error={fields.title && `Title ${fields.title}`}>
        {(p) => <input {...p} value={title} onChange={(e) => setTitle(e.target.value)} className={inputClass} maxLength={200} required />}
      </Field>
      <Field label="When" small error={fields.dueAt && `Due ${fields.dueAt}`}>
        {(p) => <input {...p} type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} className={inputClass} required />}
      </Field>
      <FormAlert error={create.error} fields={fields} shown={["title", "dueAt"]} />
      <FormActions size="sm" submit="Add follow-up" onCancel={onDone} loading={create.isPending} />
    </form>
  );
}
