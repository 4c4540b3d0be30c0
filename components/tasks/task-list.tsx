"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { DialButton } from "@/components/calls/dial-button";
// Follow-up tasks: overdue first, each with Call (dials and opens the lead), Done and Snooze.
import { useFallbackInterval } from "@/components/live/live-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { tomorrowAt10 } from "@/components/ui/datetime";
import { EmptyText, QueryState } from "@/components/ui/query-state";
import { taskListOptions } from "@/lib/queries/tasks";
import { formatDateTime, formatRelative } from "../ui/format";
import { useTaskMutations } from "./use-task-mutations";

export function TaskList({
  status = "open",
  scope = "mine",
  limit = 50,
  showAssignee = false,
  emptyText,
}: {
  status?: "open" | "done";
  scope?: "mine" | "team";
  limit?: number;
  showAssignee?: boolean;
  emptyText: string;
}) {
  const tasks = useQuery({ ...taskListOptions({ status, scope, limit }), refetchInterval: useFallbackInterval(30_000) });
  const update = useTaskMutations();
  return (
    <QueryState query={tasks} what="tasks" isEmpty={(d) => d.items.length === 0} empty={<EmptyText>{emptyText}</EmptyText>}>
      {(d) => (
        <>
          {update.isError && <Alert className="mb-2">Could not update the task: {update.error.message}</Alert>}
          <ul className="divide-y divide-slate-100" data-testid="task-list">
            {d.items.map((t) => {
              const busy = update.isPending && update.variables?.id === t.id;
              return (
                <li
                  key={t.id}
                  className="flex flex-wrap items-center justify-between gap-3 px-3 py-2.5"
                  data-testid="task"
                  data-overdue={t.overdue || undefined}
                >
                  <div className="min-w-0">
                    <p className={`truncate font-medium ${t.doneAt ? "text-slate-500 line-through" : "text-slate-900"}`}>{t.title}</p>
                    <p className="text-sm text-slate-500">
                      <Link
                        href={`/leads/${t.lead.id}`}
                        className="text-brand-700 underline decoration-brand-300 underline-offset-2 hover:decoration-brand-700"
                      >
                        {t.lead.name}
                      </Link>{" "}
                      · {t.lead.phoneDisplay} ·{" "}
                      {t.doneAt ? (
                        <>done {formatRelative(t.doneAt)}</>
                      ) : (
                        <time
                          dateTime={t.dueAt}
                          title={formatDateTime(t.dueAt)}
                          className={t.overdue ? "font-medium text-rose-700" : undefined}
                        >
                          {t.overdue ? `overdue, due ${formatRelative(t.dueAt)}` : `due ${formatDateTime(t.dueAt)}`}
                        </time>
                      )}
                      {showAssignee && t.assignee && <> · {t.assignee.name}</>}
                    </p>
                  </div>
                  {!t.doneAt ? (
                    <div className="flex min-w-0 flex-wrap items-start justify-end gap-2">
                      <DialButton leadId={t.lead.id} leadName={t.lead.name} />
                      <Button
                        size="sm"
                        variant="secondary"
                        disabled={busy}
                        onClick={() => update.mutate({ id: t.id, patch: { dueAt: new Date(Date.now() + 3600_000).toISOString() } })}
                      >
                        Snooze 1 h
                      </Button>
                      <Button
                        size="sm"
                        variant="secondary"
                        disabled={busy}
                        onClick={() => update.mutate({ id: t.id, patch: { dueAt: tomorrowAt10().toISOString() } })}
                      >
                        Tomorrow
                      </Button>
                      <Button
                        size="sm"
                        loading={busy}
                        onClick={() => update.mutate({ id: t.id, patch: { done: true } })}
                        data-testid="complete-task"
                      >
                        Done
                      </Button>
                    </div>
                  ) : (
                    <Button size="sm" variant="ghost" disabled={busy} onClick={() => update.mutate({ id: t.id, patch: { done: false } })}>
                      Reopen
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </QueryState>
  );
}
