"use client";
// Done, reopen and snooze, for the task list and the lead page's follow-ups (its own module: the lead
// page does not load the whole task list for it).
import { useMutation } from "@tanstack/react-query";
import { updateTaskMutation } from "@/lib/queries/tasks";

export function useTaskMutations() {
  return useMutation(updateTaskMutation());
}
