// The audit log's writer: who did what to which record, from where. Called by the services that
// make the change (inside their transaction where there is one). Append-only: the table's trigger
// refuses UPDATE and DELETE, and nothing here offers either. No imports of the auth layer, so
// better-auth's hooks can write to it too.
import "server-only";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { currentRequest, type RequestOrigin } from "../http/request-context";

export { type RequestOrigin, requestOrigin } from "../http/request-context";

export { AUDIT_ACTIONS, type AuditAction } from "./actions";

import type { AuditAction } from "./actions";

export interface AuditEntry {
  actor: Pick<Actor, "id"> | null;
  /** For sign-ins: the account named (also when it does not exist). */
  actorEmail?: string | null;
  action: AuditAction;
  target?: { type: string; id: string | null };
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
  /** Defaults to the current request's (lib/http/request-context.ts). */
  origin?: RequestOrigin | null;
}

type Writer = Pick<Prisma.TransactionClient, "auditEvent">;

export async function audit(entry: AuditEntry, tx: Writer = db): Promise<void> {
  await tx.auditEvent.create({ data: auditRow(entry) });
}

/** Many entries in one statement (a bulk change: one entry per record). */
export async function auditMany(entries: AuditEntry[], tx: Writer = db): Promise<void> {
  if (entries.length) await tx.auditEvent.createMany({ data: entries.map(auditRow) });
}

function auditRow(entry: AuditEntry) {
  const origin = entry.origin ?? currentRequest()?.origin ?? null;
  return {
    actorId: entry.actor?.id ?? null,
    actorEmail: entry.actorEmail?.slice(0, 254) ?? null,
    action: entry.action,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    before: entry.before,
    after: entry.after,
    ip: origin?.ip ?? null,
    userAgent: origin?.userAgent ?? null,
  };
}

/** The fields of `after` that differ from `before`, each side limited to them (for update entries). */
export function changedFields<T extends Record<string, unknown>>(before: T, patch: Partial<T>) {
  const keys = (Object.keys(patch) as (keyof T)[]).filter(
    (k) => patch[k] !== undefined && JSON.stringify(patch[k]) !== JSON.stringify(before[k]),
  );
  const pick = (source: Partial<T>) => Object.fromEntries(keys.map((k) => [k, source[k] ?? null])) as Prisma.InputJsonObject;
  return { changed: keys.length > 0, before: pick(before), after: pick(patch) };
}
