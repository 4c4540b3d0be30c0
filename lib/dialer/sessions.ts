// The preview dialer (/calling): an agent's session over their due follow-ups, a filter of their
// leads or a campaign they are on. With the speed-to-lead setting on (dialerNewLeadsFirst), the
// agent's own new leads nobody has called yet come first (due soonest first); then due follow-ups,
// then the source's own order; a lead is offered once per session; the session survives reloads
// (it is all in PostgreSQL).
import "server-only";
import type { Actor } from "../auth/actor";
import { leadScope } from "../auth/policy";
import { openBreak } from "../breaks/service";
import { callingHoursNow } from "../compliance/now";
import { getComplianceSettings } from "../compliance/settings";
import { db } from "../db";
import { AppError, isUniqueViolation, notFound } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { activityInclude, leadInclude, toActivityDto, toLeadDto } from "../leads/dto";
import { waitingWhere } from "../leads/waiting";
import { speedSettings } from "../routing/settings";
import { sourcesOfCalls } from "../telephony/number-sources";
import { claimCampaignLead, dialableCampaign } from "./claim";
import { releaseCampaignLead, settleOffer } from "./offers";
import type { LeadFilter, startSessionSchema } from "./schemas";
import { getDialerSettings } from "./settings";

type StartInput = import("zod").infer<typeof startSessionSchema>;

function filterWhere(actor: Actor, filter: LeadFilter | null): Prisma.LeadWhereInput {
  return {
    ownerId: actor.id,
    ...(filter?.status ? { status: filter.status } : {}),
    ...(filter?.source ? { source: { equals: filter.source, mode: "insensitive" } } : {}),
    ...(filter?.notContactedDays !== undefined
      ? { OR: [{ lastContactedAt: null }, { lastContactedAt: { lt: new Date(Date.now() - filter.notContactedDays * 86_400_000) } }] }
      : {}),
  };
}

const notOfferedIn = (sessionId: string): Prisma.LeadWhereInput => ({ dialerOffers: { none: { sessionId } } });

/**
 * Speed to lead: the agent's own leads whose first-response clock runs with no call yet. Only the
 * owner is ever offered them, so no two agents get the same one (and click-to-call checks the owner).
 */
const newLeadOf = (actor: Actor): Prisma.LeadWhereInput => ({ AND: [{ ownerId: actor.id }, waitingWhere] });

/** Whether the dialer puts new leads first (the speed-to-lead setting). */
const newLeadsFirst = async () => (await speedSettings()).dialerNewLeadsFirst;

/** Leads the dialer may offer: not do-not-call, not erased, and with consent for promotional calls when the rule is on. */
async function dialable(): Promise<Prisma.LeadWhereInput> {
  const { consentRequiredForPromotional } = await getComplianceSettings();
  return {
    doNotCall: false,
    erasedAt: null,
    isTest: false,
    ...(consentRequiredForPromotional ? { OR: [{ purpose: "SERVICE" }, { consentAt: { not: null }, consentWithdrawnAt: null }] } : {}),
  };
}

export async function startSession(actor: Actor, input: StartInput) {
  if (input.source === "CAMPAIGN") await dialableCampaign(actor, input.campaignId!);
  return db.$transaction(async (tx) => {
    // One session at a time: a new one ends the old (its open campaign claim given back).
    const old = await tx.dialerSession.findMany({ where: { agentId: actor.id, active: true }, select: { id: true } });
    for (const s of old) await endSessionIn(tx, s.id);
    return tx.dialerSession.create({
      data: {
        agentId: actor.id,
        source: input.source,
        filter: input.filter ?? undefined,
        campaignId: input.source === "CAMPAIGN" ? input.campaignId! : null,
      },
    });
  });
}

async function endSessionIn(tx: Prisma.TransactionClient, sessionId: string) {
  const open = await tx.dialerOffer.findMany({ where: { sessionId, state: "OFFERED", campaignId: { not: null } } });
  for (const o of open) await releaseCampaignLead(tx, o.campaignId!, o.leadId);
  await tx.dialerOffer.updateMany({ where: { sessionId, state: "OFFERED" }, data: { state: "SKIPPED", outcome: "session ended" } });
  await tx.dialerSession.update({ where: { id: sessionId }, data: { active: false, endedAt: new Date() } });
}

export async function endSession(actor: Actor, sessionId: string) {
  const session = await db.dialerSession.findFirst({ where: { id: sessionId, agentId: actor.id, active: true } });
  if (!session) throw notFound("Session");
  await db.$transaction((tx) => endSessionIn(tx, sessionId));
}

/** Everything the page shows about the lead on offer: the lead, its last calls and outcomes, notes, follow-ups. */
async function leadView(leadId: string) {
  const [lead, calls, notes, tasks] = await Promise.all([
    db.lead.findUniqueOrThrow({ where: { id: leadId }, include: leadInclude }),
    db.activity.findMany({ where: { leadId, type: "CALL" }, orderBy: { createdAt: "desc" }, take: 5, include: activityInclude }),
    db.activity.findMany({ where: { leadId, type: "NOTE" }, orderBy: { createdAt: "desc" }, take: 3, include: activityInclude }),
    db.task.findMany({
      where: { leadId, doneAt: null },
      orderBy: { dueAt: "asc" },
      take: 5,
      select: { id: true, title: true, dueAt: true },
    }),
  ]);
  const sources = await sourcesOfCalls(calls);
  return {
    lead: toLeadDto(lead),
    calls: calls.map((c) => toActivityDto(c, sources)),
    notes: notes.map((n) => toActivityDto(n, sources)),
    openTasks: tasks.map((t) => ({ id: t.id, title: t.title, dueAt: t.dueAt.toISOString() })),
  };
}

/** The offer on screen; `newLead`: the lead was waiting for its first call when it was offered (marked "New lead"). */
async function offerView(offer: { id: string; state: string; callId: string | null; leadId: string; createdAt: Date }) {
  const view = await leadView(offer.leadId);
  const { dueAt, firstCallAt } = view.lead.firstResponse;
  const newLead = dueAt !== null && (firstCallAt === null || Date.parse(firstCallAt) >= offer.createdAt.getTime());
  return { id: offer.id, state: offer.state, callId: offer.callId, newLead, ...view };
}

async function progress(actor: Actor, session: { id: string; source: string; filter: unknown; campaignId: string | null }) {
  const offers = await db.dialerOffer.groupBy({ by: ["state"], where: { sessionId: session.id }, _count: { _all: true } });
  // Answered: settled as such, or called and answered but not settled yet (the agent has not pressed
  // Next, and the minute's sweep has not come): the count moves when the call is picked up.
  const settledAnswered = await db.dialerOffer.count({ where: { sessionId: session.id, answered: true } });
  const unsettled = await db.dialerOffer.findMany({
    where: { sessionId: session.id, state: "CALLED", answered: null, callId: { not: null } },
    select: { callId: true },
  });
  const answered =
    settledAnswered +
    (unsettled.length
      ? await db.call.count({ where: { id: { in: unsettled.map((o) => o.callId!) }, status: { in: ["ANSWERED", "COMPLETED"] } } })
      : 0);
  const by = (s: string) => offers.find((o) => o.state === s)?._count._all ?? 0;
  const ok = await dialable();
  // New leads first (when on) are counted once: the other parts leave them out.
  const fresh = await newLeadsFirst();
  let left = fresh ? await db.lead.count({ where: { AND: [newLeadOf(actor), notOfferedIn(session.id), ok] } }) : 0;
  // (Nobody's leads first: NOT over a NULL owner would leave them out.)
  const notNew: Prisma.LeadWhereInput[] = fresh ? [{ OR: [{ ownerId: null }, { NOT: newLeadOf(actor) }] }] : [];
  const dueTasks = await db.task.findMany({
    where: { assigneeId: actor.id, doneAt: null, dueAt: { lte: new Date() }, lead: { AND: [notOfferedIn(session.id), ok, ...notNew] } },
    distinct: ["leadId"],
    select: { leadId: true },
  });
  left += dueTasks.length;
  if (session.source === "FILTER")
    left += await db.lead.count({
      where: {
        AND: [
          filterWhere(actor, session.filter as LeadFilter | null),
          notOfferedIn(session.id),
          ok,
          { tasks: { none: dueTaskOf(actor) } },
          ...notNew,
        ],
      },
    });
  if (session.source === "CAMPAIGN" && session.campaignId)
    left += await db.campaignLead.count({
      where: { campaignId: session.campaignId, state: "PENDING", lead: { AND: [notOfferedIn(session.id), ok, ...notNew] } },
    });
  return { called: by("CALLED"), answered, skipped: by("SKIPPED"), snoozed: by("SNOOZED"), left };
}

const dueTaskOf = (actor: Actor): Prisma.TaskWhereInput => ({ assigneeId: actor.id, doneAt: null, dueAt: { lte: new Date() } });

/** The agent's active session: where it stands and the lead on offer (a reload lands here). */
export async function currentSession(actor: Actor) {
  const session = await db.dialerSession.findFirst({
    where: { agentId: actor.id, active: true },
    // The latest offer: on screen while offered, or called and waiting for its outcome.
    include: { offers: { orderBy: { createdAt: "desc" }, take: 1 } },
  });
  const [settings, onBreak, hours] = await Promise.all([getDialerSettings(), openBreak(actor.id), callingHoursNow()]);
  const breakInfo = onBreak ? { reason: onBreak.reason, startedAt: onBreak.startedAt.toISOString() } : null;
  // Outside the calling hours the dialer says so (and when they open) before anyone starts.
  const callingHours = { open: hours.open, opensAt: hours.opensAt };
  if (!session) return { session: null, offer: null, progress: null, settings, onBreak: breakInfo, callingHours };
  const campaign = session.campaignId
    ? await db.campaign.findUnique({ where: { id: session.campaignId }, select: { id: true, name: true } })
    : null;
  let offer = session.offers[0] ?? null;
  if (offer && offer.state !== "OFFERED" && offer.state !== "CALLED") offer = null;
  // A called lead whose outcome is recorded (or whose call went nowhere) is behind us: no offer until Next.
  if (offer?.state === "CALLED") {
    const call = offer.callId
      ? await db.call.findUnique({ where: { id: offer.callId }, select: { status: true, disposition: true } })
      : null;
    const over = !call || (!["INITIATED", "RINGING", "ANSWERED"].includes(call.status) && call.disposition !== null);
    if (over) offer = null;
  }
  return {
    session: { id: session.id, source: session.source, filter: session.filter, campaign, createdAt: session.createdAt.toISOString() },
    offer: offer ? await offerView(offer) : null,
    progress: await progress(actor, session),
    settings,
    onBreak: breakInfo,
    callingHours,
  };
}

async function activeSession(actor: Actor, sessionId: string) {
  const session = await db.dialerSession.findFirst({ where: { id: sessionId, agentId: actor.id, active: true } });
  if (!session) throw notFound("Session");
  return session;
}

/** The next lead: the open offer if there is one, else new leads (when on), due follow-ups, then the source's order. */
export async function nextLead(actor: Actor, sessionId: string): Promise<DialerState> {
  const session = await activeSession(actor, sessionId);
  const open = await db.dialerOffer.findFirst({
    where: { sessionId, state: { in: ["OFFERED", "CALLED"] } },
    orderBy: { createdAt: "desc" },
  });
  if (open?.state === "OFFERED") return currentSession(actor);
  if (open?.state === "CALLED" && !(await settleOffer(db, open.id)))
    throw new AppError("CONFLICT", "Your call is still in progress: hang up or wait for it to end");
  const onBreak = await openBreak(actor.id);
  if (onBreak) throw new AppError("CONFLICT", `You are on a break (${onBreak.reason}): end it to get the next lead`);
  for (let attempt = 0; attempt < 5; attempt++) {
    const pick = await pickLead(actor, session);
    if (!pick) return { ...(await currentSession(actor)), done: true };
    try {
      await db.dialerOffer.create({ data: { sessionId, leadId: pick.leadId, campaignId: pick.campaignId } });
      return currentSession(actor);
    } catch (error) {
      // The same lead picked twice at once (two tabs): the unique (session, lead) decides; pick again.
      if (!isUniqueViolation(error)) throw error;
      if (pick.campaignId) await releaseCampaignLead(db, pick.campaignId, pick.leadId);
    }
  }
  throw new AppError("CONFLICT", "Could not find the next lead; try again");
}

async function pickLead(
  actor: Actor,
  session: { id: string; source: string; filter: unknown; campaignId: string | null },
): Promise<{ leadId: string; campaignId: string | null } | null> {
  const ok = await dialable();
  if (await newLeadsFirst()) {
    // A new lead's clock runs in minutes: before anything already due, and before the campaign's next lead.
    const fresh = await db.lead.findFirst({
      where: { AND: [newLeadOf(actor), notOfferedIn(session.id), ok] },
      orderBy: [{ firstResponseDueAt: "asc" }, { id: "asc" }],
      select: { id: true },
    });
    if (fresh) return { leadId: fresh.id, campaignId: null };
  }
  const due = await db.task.findFirst({
    where: { ...dueTaskOf(actor), lead: { AND: [leadScope(actor), notOfferedIn(session.id), ok] } },
    orderBy: { dueAt: "asc" },
    select: { leadId: true },
  });
  if (due) return { leadId: due.leadId, campaignId: null };
  if (session.source === "FILTER") {
    const lead = await db.lead.findFirst({
      where: { AND: [filterWhere(actor, session.filter as LeadFilter | null), notOfferedIn(session.id), ok] },
      orderBy: [{ lastContactedAt: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }],
      select: { id: true },
    });
    return lead ? { leadId: lead.id, campaignId: null } : null;
  }
  if (session.source === "CAMPAIGN" && session.campaignId) {
    await dialableCampaign(actor, session.campaignId);
    const leadId = await claimCampaignLead(session.campaignId, actor.id, session.id);
    return leadId ? { leadId, campaignId: session.campaignId } : null;
  }
  return null;
}

async function openOffer(actor: Actor, offerId: string) {
  const offer = await db.dialerOffer.findFirst({ where: { id: offerId, state: "OFFERED", session: { agentId: actor.id, active: true } } });
  if (!offer) throw notFound("Offer");
  return offer;
}

export async function skipLead(actor: Actor, offerId: string): Promise<DialerState> {
  const offer = await openOffer(actor, offerId);
  await db.$transaction(async (tx) => {
    await tx.dialerOffer.update({ where: { id: offer.id }, data: { state: "SKIPPED" } });
    if (offer.campaignId) await releaseCampaignLead(tx, offer.campaignId, offer.leadId);
  });
  return nextLead(actor, offer.sessionId);
}

/** Not now: a follow-up in `minutes` (the lead comes back in a later session), then the next lead. */
export async function snoozeLead(actor: Actor, offerId: string, minutes: number): Promise<DialerState> {
  const offer = await openOffer(actor, offerId);
  const lead = await db.lead.findUniqueOrThrow({ where: { id: offer.leadId }, select: { name: true } });
  await db.$transaction(async (tx) => {
    await tx.dialerOffer.update({ where: { id: offer.id }, data: { state: "SNOOZED" } });
    await tx.task.create({
      data: {
        leadId: offer.leadId,
        title: `Call ${lead.name} (snoozed in the dialer)`,
        dueAt: new Date(Date.now() + minutes * 60_000),
        assigneeId: actor.id,
        createdById: actor.id,
      },
    });
    if (offer.campaignId) await releaseCampaignLead(tx, offer.campaignId, offer.leadId, minutes * 60_000);
  });
  return nextLead(actor, offer.sessionId);
}

export type DialerState = Awaited<ReturnType<typeof currentSession>> & { done?: boolean };
