// The audit log's writer: who did what to which record, from where. Called by the services that
// make the change (inside their transaction where there is one). Append-only: the table's trigger
// refuses UPDATE and DELETE, and nothing here offers either. No imports of the auth layer, so
// better-auth's hooks can write to it too.
import type { Actor } from "../auth/actor";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { clientAddress } from "../http/client-address";

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
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Where a request came from, as the audit log keeps it. */
export interface RequestOrigin {
  ip: string;
  userAgent: string | null;
}
export const requestOrigin = (headers: Headers): RequestOrigin => ({ ip: clientAddress(headers), userAgent: headers.get("user-agent")?.slice(0, 300) ?? null });

export interface AuditEntry {
  actor: Pick<Actor, "id"> | null;
  /** For sign-ins: the account named (also when it does not exist). */
  actorEmail?: string | null;
  action: AuditAction;
  target?: { type: string; id: string | null };
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
  origin?: RequestOrigin | null;
}

type Writer = Pick<Prisma.TransactionClient, "auditEvent">;

export async function audit(entry: AuditEntry, tx: Writer = db): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: entry.actor?.id ?? null,
      actorEmail: entry.actorEmail?.slice(0, 254) ?? null,
      action: entry.action,
      targetType: entry.target?.type ?? null,
      targetId: entry.target?.id ?? null,
      before: entry.before,
      after: entry.after,
      ip: entry.origin?.ip ?? null,
      userAgent: entry.origin?.userAgent ?? null,
    },
  });
}

/** The fields of `after` that differ from `before`, each side limited to them (for update entries). */
export function changedFields<T extends Record<string, unknown>>(before: T, patch: Partial<T>) {
  const keys = (Object.keys(patch) as (keyof T)[]).filter((k) => patch[k] !== undefined && JSON.stringify(patch[k]) !== JSON.stringify(before[k]));
  const pick = (source: Partial<T>) => Object.fromEntries(keys.map((k) => [k, source[k] ?? null])) as Prisma.InputJsonObject;
  return { changed: keys.length > 0, before: pick(before), after: pick(patch) };
}

