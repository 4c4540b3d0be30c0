// Follow-up tasks for the browser.
import { queryOptions } from "@tanstack/react-query";
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
