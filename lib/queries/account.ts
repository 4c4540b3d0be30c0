// The signed-in user's own account (better-auth's client): sessions, password, signing out others.
import { queryOptions } from "@tanstack/react-query";
import { authClient } from "../auth/client";

export const accountKeys = {
  all: ["account"] as const,
  sessions: () => [...accountKeys.all, "sessions"] as const,
};

export function sessionsOptions() {
  return queryOptions({
    queryKey: accountKeys.sessions(),
    queryFn: async () => {
      const { data, error } = await authClient.listSessions();
      if (error) throw new Error(error.message ?? "Could not list sessions");
      return data;
    },
  });
}
