"use client";
// The lead page's follow-ups: open tasks for this lead and a quick "add follow-up" (its form loads when opened).
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { toLocalInput, tomorrowAt10 } from "@/components/ui/datetime";
import { lazyComponent } from "@/components/ui/lazy";
import { QueryState } from "@/components/ui/query-state";
import { taskListOptions } from "@/lib/queries/tasks";
import { formatDateTime } from "../ui/format";
import { useTaskMutations } from "./use-task-mutations";

const LeadTaskForm = lazyComponent(() => import("./lead-task-form").then((m) => m.LeadTaskForm));

export function LeadTasks({ leadId, leadName }: { leadId: string; leadName: string }) {
  const ids = useId();
  const tasks = useQuery(taskListOptions({ leadId, status: "open", limit: 20 }));
  const [adding, setAdding] = useState(false);
  const [title, setTitle] = useState(`Call back ${leadName}`);
  // As the call outcome's "Call back later": tomorrow at 10:00 IST, inside the calling hours (not this hour tomorrow night).
  const [due, setDue] = useState(() => toLocalInput(tomorrowAt10()));
  const update = useTaskMutations();

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
        <LeadTaskForm leadId={leadId} title={title} setTitle={setTitle} due={due} setDue={setDue} onDone={() => setAdding(false)} />
      )}
    </section>
  );
}
