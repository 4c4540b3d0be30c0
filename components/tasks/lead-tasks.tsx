"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { fromLocalInput, toLocalInput } from "@/components/ui/datetime";
import { Field, inputClass } from "@/components/ui/field";
// The lead page's follow-ups: open tasks for this lead and a quick "add follow-up".
import { FormActions } from "@/components/ui/form-actions";
import { apiFieldErrors, FormAlert } from "@/components/ui/form-errors";
import { QueryState } from "@/components/ui/query-state";
import { onSubmit } from "@/components/ui/submit";
import { reacting } from "@/lib/queries/api";
import { createTaskMutation, taskListOptions } from "@/lib/queries/tasks";
import { formatDateTime } from "../ui/format";
import { useTaskMutations } from "./task-list";

export function LeadTasks({ leadId, leadName }: { leadId: string; leadName: string }) {
  const ids = useId();
  const tasks = useQuery(taskListOptions({ leadId, status: "open", limit: 20 }));
  const [adding, setAdding] = useState(false);
  const [title, setTitle] = useState(`Call back ${leadName}`);
  const [due, setDue] = useState(() => toLocalInput(new Date(Date.now() + 86400_000)));
  const create = useMutation(reacting(createTaskMutation(), { onSuccess: () => setAdding(false) }));
  const add = () => create.mutate({ leadId, title, dueAt: fromLocalInput(due)?.toISOString() ?? due });
  const update = useTaskMutations();
  const fields = apiFieldErrors(create.error);

  return (
    <section className="rounded-xl bg-white p-5 shadow-xs ring-1 ring-slate-200" aria-labelledby={`${ids}-h`}>
      <div className="mb-2 flex items-center justify-between">
        <h2 id={`${ids}-h`} className="text-sm font-semibold text-slate-900">
          Follow-ups
        </h2>
        {!adding && (
          <Button variant="ghost" size="sm" onClick={() => setAdding(true)}>
            Add
          </Button>
        )}
      </div>
      <QueryState
        query={tasks}
        what="follow-ups"
        isEmpty={(d) => d.items.length === 0 && !adding}
        empty={<p className="text-sm text-slate-500">None open.</p>}
        compact
      >
        {(d) => (
          <ul className="space-y-2" data-testid="lead-tasks">
            {d.items.map((t) => (
              <li key={t.id} className="flex items-start justify-between gap-2 text-sm">
                <span className="min-w-0">
                  <span className="block text-slate-900">{t.title}</span>
                  <span className={`text-xs ${t.overdue ? "font-medium text-rose-700" : "text-slate-500"}`}>
                    {t.overdue ? "Overdue · " : "Due "}
                    {formatDateTime(t.dueAt)}
                    {t.assignee ? ` · ${t.assignee.name}` : ""}
                  </span>
                </span>
                <Button
                  size="sm"
                  variant="secondary"
                  disabled={update.isPending}
                  onClick={() => update.mutate({ id: t.id, patch: { done: true } })}
                >
                  Done
                </Button>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      {update.isError && (
        <p role="alert" className="mt-2 text-sm text-rose-700">
          Could not update the follow-up: {update.error.message}
        </p>
      )}
      {adding && (
        <form className="mt-3 space-y-2 border-t border-slate-100 pt-3" onSubmit={onSubmit(add)}>
          <Field label="What" small error={fields.title && `Title ${fields.title}`}>
            {(p) => (
              <input {...p} value={title} onChange={(e) => setTitle(e.target.value)} className={inputClass} maxLength={200} required />
            )}
          </Field>
          <Field label="When" small error={fields.dueAt && `Due ${fields.dueAt}`}>
            {(p) => (
              <input {...p} type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} className={inputClass} required />
            )}
          </Field>
          <FormAlert error={create.error} fields={fields} shown={["title", "dueAt"]} />
          <FormActions size="sm" submit="Add follow-up" onCancel={() => setAdding(false)} loading={create.isPending} />
        </form>
      )}
    </section>
  );
}
