// People for the browser: who a lead can go to, and the admin's user list.
import { mutationOptions, queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type { listSmartfloAgents, listUsersForAdmin } from "../users/admin";
import type { createUserSchema, updateUserSchema } from "../users/schemas";
import type { listAssignableUsers } from "../users/service";
import { apiFetch, type Items, listQuery, send } from "./api";

export type AssignableUser = Awaited<ReturnType<typeof listAssignableUsers>>["items"][number];
export type AdminUser = Awaited<ReturnType<typeof listUsersForAdmin>>["items"][number];
export type SmartfloAgent = Awaited<ReturnType<typeof listSmartfloAgents>>["items"][number];

export const userKeys = {
  all: ["users"] as const,
  assignable: () => [...userKeys.all, "assignable"] as const,
  admin: () => [...userKeys.all, "admin"] as const,
  smartfloAgents: () => [...userKeys.all, "smartflo-agents"] as const,
};

export const assignableUsersOptions = () => listQuery<AssignableUser>(userKeys.assignable(), "/api/v1/users");

export const adminUsersOptions = () => listQuery<AdminUser>(userKeys.admin(), "/api/v1/users?all=1");

/** The agents Smartflo lists (to suggest agent numbers); absent when Smartflo cannot be reached. */
export function smartfloAgentsOptions() {
  return queryOptions({
    queryKey: userKeys.smartfloAgents(),
    queryFn: () => apiFetch<Items<SmartfloAgent>>("/api/v1/smartflo/agents"),
    retry: false,
  });
}

export const createUser = (input: z.input<typeof createUserSchema>) => send<AdminUser>("POST", "/api/v1/users", input);
export const updateUser = (id: string, patch: z.input<typeof updateUserSchema>) => send<AdminUser>("PATCH", `/api/v1/users/${id}`, patch);

export const createUserMutation = () =>
  mutationOptions({
    mutationFn: createUser,
    onSuccess: (_u, _v, _r, { client }) => void client.invalidateQueries({ queryKey: userKeys.all }),
  });
export const updateUserMutation = (id: string) =>
  mutationOptions({
    mutationFn: (patch: z.input<typeof updateUserSchema>) => updateUser(id, patch),
    onSuccess: (_u, _v, _r, { client }) => void client.invalidateQueries({ queryKey: userKeys.all }),
  });
