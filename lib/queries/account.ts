// The signed-in user's own account (better-auth's client): sessions, password, signing out others.
import { type QueryClient, queryOptions } from "@tanstack/react-query";
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

/** The password changed or other sessions were signed out: the session list is read again. */
export const sessionsChanged = (client: QueryClient) => void client.invalidateQueries({ queryKey: accountKeys.sessions() });
