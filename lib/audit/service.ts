// Reading the audit log: admins only, newest first, filtered by actor, action or target.
import "server-only";
import type { Actor } from "../auth/actor";
import { assertRole } from "../auth/actor";
import { db } from "../db";
import { decodeCursor, newestFirstPage } from "../db/cursor";
import { validationError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import type { ListAuditQuery } from "./schemas";

export async function listAuditEvents({ actor, query }: { actor: Actor; query: ListAuditQuery }) {
  assertRole(actor, ["ADMIN"]);
  let after: Prisma.AuditEventWhereInput = {};
  if (query.cursor) {
    const c = decodeCursor(query.cursor);
    const at = new Date(c.value);
    if (Number.isNaN(at.getTime())) throw validationError({ cursor: "is not a valid cursor" });
    after = { OR: [{ at: { lt: at } }, { at, id: { lt: c.id } }] };
  }
  const where: Prisma.AuditEventWhereInput = {
    AND: [
      query.actorId ? { actorId: query.actorId } : {},
      query.action ? { action: query.action } : {},
      query.targetId ? { targetId: query.targetId } : {},
      after,
    ],
  };
  const rows = await db.auditEvent.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], take: query.limit + 1 });
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((v): v is string => !!v))];
  const users = await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true, email: true } });
  const byId = new Map(users.map((u) => [u.id, u]));
  const page = newestFirstPage(
    rows.map((r) => ({ ...r, createdAt: r.at })),
    query.limit,
  );
  return {
    items: page.items.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actor: r.actorId ? (byId.get(r.actorId) ?? { id: r.actorId, name: null, email: null }) : null,
      actorEmail: r.actorEmail,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      before: r.before,
      after: r.after,
      ip: r.ip,
      userAgent: r.userAgent,
    })),
    nextCursor: page.nextCursor,
  };
}
export type AuditEventDto = Awaited<ReturnType<typeof listAuditEvents>>["items"][number];
