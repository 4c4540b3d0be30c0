// The audit log's vocabulary (shared by the server and the admin page).
export const AUDIT_ACTIONS = [
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_in_blocked",
  "auth.password_changed",
  "auth.other_sessions_revoked",
  "user.created",
  "user.updated",
  "webhook.replayed",
  "webhook.linked",
  "lead.assigned",
  "settings.updated",
  "disposition.created",
  "disposition.updated",
  "leads.exported",
  "recording.played",
  "campaign.created",
  "campaign.updated",
  "call.supervised",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** How the admin page names each action. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Sign-in failed",
  "auth.sign_in_blocked": "Sign-in blocked (too many attempts)",
  "auth.password_changed": "Password changed",
  "auth.other_sessions_revoked": "Signed out other sessions",
  "user.created": "User created",
  "user.updated": "User changed",
  "webhook.replayed": "Webhook delivery replayed",
  "webhook.linked": "Webhook delivery linked to a lead",
  "lead.assigned": "Lead assigned",
  "settings.updated": "Settings changed",
  "disposition.created": "Outcome added",
  "disposition.updated": "Outcome changed",
  "leads.exported": "Leads exported (CSV)",
  "recording.played": "Recording played",
  "campaign.created": "Campaign created",
  "campaign.updated": "Campaign changed",
  "call.supervised": "Stepped into a call (monitor, whisper, barge, transfer)",
};
