// Campaigns (managers for their team, admins for all): a list of leads from a filter or from a
// CSV's numbers, the agents who call it, dates, and how often an unanswered lead is tried again.
import "server-only";
import type { z } from "zod";
import { audit } from "../audit/log";
import { type Actor, assertRole } from "../auth/actor";
import { leadManageScope, mayOwnLeadsOf } from "../auth/policy";
import { db } from "../db";
import { notFound, validationError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { normalizePhone } from "../phone";
import type { createCampaignSchema, updateCampaignSchema } from "./schemas";

type CreateInput = z.infer<typeof createCampaignSchema>;

/** The campaigns an actor manages: admins all, managers the ones they made. */
const managedBy = (actor: Actor): Prisma.CampaignWhereInput => (actor.role === "ADMIN" ? {} : { createdById: actor.id });

export async function createCampaign(actor: Actor, input: CreateInput) {
  assertRole(actor, ["ADMIN", "MANAGER"]);
  const agents = await db.user.findMany({ where: { id: { in: input.agentIds }, active: true }, select: { id: true, managerId: true } });
  const missing = input.agentIds.find((id) => !agents.some((a) => a.id === id && mayOwnLeadsOf(actor, a)));
  if (missing) throw validationError({ agentIds: `${missing} is not an active member of your team` });

  // The leads: the filter's (within what the actor may assign), or the leads that have the CSV's numbers.
  let leadIds: string[] = [];
  let unmatched = 0;
  if (input.phones) {
    const numbers = [...new Set(input.phones.map((p) => normalizePhone(p)?.e164).filter((p): p is string => !!p))];
    unmatched = input.phones.length - numbers.length;
    for (let i = 0; i < numbers.length; i += 5000) {
      const found = await db.leadPhone.findMany({
        where: { number: { in: numbers.slice(i, i + 5000) }, lead: leadManageScope(actor) },
        select: { leadId: true },
      });
      leadIds.push(...found.map((f) => f.leadId));
    }
    leadIds = [...new Set(leadIds)];
    unmatched += numbers.length - leadIds.length;
  }
  const campaign = await db.$transaction(
    async (tx) => {
      const created = await tx.campaign.create({
        data: {
          name: input.name,
          createdById: actor.id,
          startsAt: input.startsAt ?? null,
          endsAt: input.endsAt ?? null,
          maxAttempts: input.maxAttempts,
          retryGapMinutes: input.retryGapMinutes,
          filter: input.leadFilter ?? undefined,
          agents: { create: input.agentIds.map((userId) => ({ userId })) },
        },
      });
      if (input.leadFilter) {
        const f = input.leadFilter;
        const where = Prisma.join(
          [
            Prisma.sql`NOT l."isTest"`,
            actor.role === "ADMIN"
              ? Prisma.sql`TRUE`
              : Prisma.sql`(l."ownerId" IS NULL OR l."ownerId" = ${actor.id}
                  OR l."ownerId" IN (SELECT id FROM "user" WHERE "managerId" = ${actor.id}))`,
            f.status ? Prisma.sql`l.status = ${f.status}::"LeadStatus"` : Prisma.sql`TRUE`,
            f.source ? Prisma.sql`lower(l.source) = lower(${f.source})` : Prisma.sql`TRUE`,
            f.ownerId ? Prisma.sql`l."ownerId" = ${f.ownerId}` : Prisma.sql`TRUE`,
            f.notContactedDays !== undefined
              ? Prisma.sql`(l."lastContactedAt" IS NULL OR l."lastContactedAt" < ${new Date(Date.now() - f.notContactedDays * 86_400_000)})`
              : Prisma.sql`TRUE`,
          ],
          " AND ",
        );
        await tx.$executeRaw`
          INSERT INTO campaign_lead ("campaignId", "leadId", state, attempts, "nextAt", "updatedAt")
          SELECT ${created.id}, l.id, 'PENDING', 0, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC' FROM lead l WHERE ${where}
          ON CONFLICT DO NOTHING`;
      }
      if (leadIds.length) {
        await tx.campaignLead.createMany({ data: leadIds.map((leadId) => ({ campaignId: created.id, leadId })), skipDuplicates: true });
      }
      return created;
    },
    { timeout: 60_000 },
  );
  const leads = await db.campaignLead.count({ where: { campaignId: campaign.id } });
  await audit({ actor, action: "campaign.created", target: { type: "campaign", id: campaign.id }, after: { name: campaign.name, leads } });
  return { ...(await getCampaign(actor, campaign.id)), unmatched };
}

async function findManaged(actor: Actor, id: string) {
  assertRole(actor, ["ADMIN", "MANAGER"]);
  const campaign = await db.campaign.findFirst({ where: { AND: [{ id }, managedBy(actor)] } });
  if (!campaign) throw notFound("Campaign");
  return campaign;
}

export async function updateCampaign(actor: Actor, id: string, patch: z.infer<typeof updateCampaignSchema>) {
  const before = await findManaged(actor, id);
  await db.campaign.update({ where: { id }, data: patch });
  if (patch.status && patch.status !== before.status)
    await audit({
      actor,
      action: "campaign.updated",
      target: { type: "campaign", id },
      before: { status: before.status },
      after: { status: patch.status },
    });
  return getCampaign(actor, id);
}

const emptyProgress = () => ({
  leads: { pending: 0, claimed: 0, done: 0, total: 0 },
  agents: [] as { agentId: string | null; name: string | null; dialed: number; connected: number; talkSeconds: number }[],
  outcomes: [] as { outcome: string; calls: number }[],
  dialed: 0,
  connected: 0,
  talkSeconds: 0,
});
export type CampaignProgress = ReturnType<typeof emptyProgress>;

/** Per campaign: its leads by state; per agent: dialled, connected, talk time and outcomes. */
async function progressOf(campaignIds: string[]): Promise<Map<string, CampaignProgress>> {
  if (campaignIds.length === 0) return new Map();
  const [states, perAgent, outcomes] = await Promise.all([
    db.campaignLead.groupBy({ by: ["campaignId", "state"], where: { campaignId: { in: campaignIds } }, _count: { _all: true } }),
    db.$queryRaw<{ campaignId: string; agentId: string | null; name: string | null; dialed: bigint; connected: bigint; talk: bigint }[]>`
      SELECT c."campaignId", c."agentId", u.name, count(*) AS dialed,
             count(*) FILTER (WHERE c.status = 'COMPLETED') AS connected, coalesce(sum(c."talkSeconds"), 0) AS talk
      FROM call c LEFT JOIN "user" u ON u.id = c."agentId"
      WHERE c."campaignId" = ANY(${campaignIds}) GROUP BY 1, 2, 3 ORDER BY 3`,
    db.call.groupBy({ by: ["campaignId", "disposition"], where: { campaignId: { in: campaignIds } }, _count: { _all: true } }),
  ]);
  const out = new Map<string, CampaignProgress>();
  for (const id of campaignIds) out.set(id, emptyProgress());
  for (const s of states) {
    const p = out.get(s.campaignId)!;
    p.leads[s.state.toLowerCase() as "pending" | "claimed" | "done"] = s._count._all;
    p.leads.total += s._count._all;
  }
  for (const a of perAgent) {
    const p = out.get(a.campaignId)!;
    const row = { agentId: a.agentId, name: a.name, dialed: Number(a.dialed), connected: Number(a.connected), talkSeconds: Number(a.talk) };
    p.agents.push(row);
    p.dialed += row.dialed;
    p.connected += row.connected;
    p.talkSeconds += row.talkSeconds;
  }
  for (const o of outcomes) out.get(o.campaignId!)!.outcomes.push({ outcome: o.disposition ?? "No outcome", calls: o._count._all });
  return out;
}

const campaignInclude = { agents: { select: { user: { select: { id: true, name: true } } } } } satisfies Prisma.CampaignInclude;

function toCampaignDto(c: Prisma.CampaignGetPayload<{ include: typeof campaignInclude }>) {
  return {
    id: c.id,
    name: c.name,
    status: c.status,
    startsAt: c.startsAt?.toISOString() ?? null,
    endsAt: c.endsAt?.toISOString() ?? null,
    maxAttempts: c.maxAttempts,
    retryGapMinutes: c.retryGapMinutes,
    agents: c.agents.map((a) => a.user),
    createdAt: c.createdAt.toISOString(),
  };
}

export async function getCampaign(actor: Actor, id: string) {
  await findManaged(actor, id);
  const c = await db.campaign.findUniqueOrThrow({ where: { id }, include: campaignInclude });
  return { ...toCampaignDto(c), progress: (await progressOf([id])).get(id)! };
}

/** Managers and admins: the campaigns they manage, with progress. Agents: the active ones they are on (to dial). */
export async function listCampaigns(actor: Actor) {
  const where: Prisma.CampaignWhereInput =
    actor.role === "AGENT" ? { status: "ACTIVE", agents: { some: { userId: actor.id } } } : managedBy(actor);
  const rows = await db.campaign.findMany({ where, include: campaignInclude, orderBy: { createdAt: "desc" }, take: 200 });
  if (actor.role === "AGENT") return { items: rows.map((c) => ({ ...toCampaignDto(c), progress: null })) };
  const progress = await progressOf(rows.map((r) => r.id));
  return { items: rows.map((c) => ({ ...toCampaignDto(c), progress: progress.get(c.id) ?? null })) };
}

/** The campaigns an actor may dial now (any role): active, within their dates, with the actor on them. */
export async function dialableCampaigns(actor: Actor) {
  const now = new Date();
  return db.campaign.findMany({
    where: {
      status: "ACTIVE",
      agents: { some: { userId: actor.id } },
      AND: [{ OR: [{ startsAt: null }, { startsAt: { lte: now } }] }, { OR: [{ endsAt: null }, { endsAt: { gt: now } }] }],
    },
    select: { id: true, name: true },
    orderBy: { createdAt: "desc" },
  });
}
