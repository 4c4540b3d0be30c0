// Follow-up tasks for the browser.
import { mutationOptions, queryOptions } from "@tanstack/react-query";
import type { TaskDto, taskCounts } from "../tasks/service";
import { apiFetch, type Items, send, withQuery } from "./api";

export type TaskFilters = { status?: "open" | "done"; scope?: "mine" | "team"; leadId?: string; limit?: number };
export type TaskCounts = Awaited<ReturnType<typeof taskCounts>>;

export const taskKeys = {
  all: ["tasks"] as const,
  list: (filters: TaskFilters) => [...taskKeys.all, "list", filters] as const,
  counts: () => [...taskKeys.all, "counts"] as const,
};

export function taskListOptions(filters: TaskFilters) {
  return queryOptions({ queryKey: taskKeys.list(filters), queryFn: () => apiFetch<Items<TaskDto>>(withQuery("/api/v1/tasks", filters)) });
}

export function taskCountsOptions() {
  return queryOptions({ queryKey: taskKeys.counts(), queryFn: () => apiFetch<TaskCounts>("/api/v1/tasks/counts") });
}

export const createTask = (input: { leadId: string; title: string; dueAt: string; assigneeId?: string }) =>
  send<TaskDto>("POST", "/api/v1/tasks", input);
export const updateTask = (id: string, patch: { done?: boolean; dueAt?: string; title?: string }) =>
  send<TaskDto>("PATCH", `/api/v1/tasks/${id}`, patch);

type TaskPatch = Parameters<typeof updateTask>[1];

/** Done, snoozed or renamed; the lists and counts are read again once it settles. */
export const updateTaskMutation = () =>
  mutationOptions({
    mutationFn: ({ id, patch }: { id: string; patch: TaskPatch }) => updateTask(id, patch),
    onSettled: (_d, _e, _v, _r, { client }) => client.invalidateQueries({ queryKey: taskKeys.all }),
  });

export const createTaskMutation = () =>
  mutationOptions({
    mutationFn: createTask,
    onSuccess: (_task, _input, _r, { client }) => void client.invalidateQueries({ queryKey: taskKeys.all }),
  });
