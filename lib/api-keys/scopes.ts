// What an API key may do (shared by the server and the admin page).
export const API_SCOPES = ["leads:write", "leads:read", "calls:read", "webhooks:manage"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const API_SCOPE_LABELS: Record<ApiScope, string> = {
  "leads:write": "Create leads",
  "leads:read": "Read leads",
  "calls:read": "Read calls",
  "webhooks:manage": "Manage outgoing webhooks",
};
