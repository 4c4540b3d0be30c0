// Query-key factories: invalidate by prefix after mutations.
import type { ListLeadsQuery } from "./leads/schemas";

export const leadKeys = {
  all: ["leads"] as const,
  lists: () => [...leadKeys.all, "list"] as const,
  list: (filters: Partial<ListLeadsQuery>) => [...leadKeys.lists(), filters] as const,
  detail: (id: string) => [...leadKeys.all, "detail", id] as const,
  activities: (id: string) => [...leadKeys.detail(id), "activities"] as const,
};

export const callKeys = {
  all: ["calls"] as const,
  detail: (id: string) => [...callKeys.all, "detail", id] as const,
};

export const userKeys = {
  all: ["users"] as const,
  assignable: () => [...userKeys.all, "assignable"] as const,
};

export const taskKeys = {
  all: ["tasks"] as const,
  list: (filters: Record<string, string>) => [...taskKeys.all, "list", filters] as const,
  counts: () => [...taskKeys.all, "counts"] as const,
};

export const dispositionKeys = {
  all: ["dispositions"] as const,
  active: () => [...dispositionKeys.all, "active"] as const,
  admin: () => [...dispositionKeys.all, "admin"] as const,
};
