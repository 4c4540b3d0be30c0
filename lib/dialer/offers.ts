// A lead offered in a dialer session: called, skipped or snoozed once, and — for a campaign — its
// attempt counted when the call is over (answered: done; unanswered: again after the retry gap,
// until the campaign's maximum).
import "server-only";
import type { Actor } from "../auth/actor";
import { isActiveCallStatus } from "../calls/status";
import { db } from "../db";
import { AppError, notFound } from "../errors";
import type { Prisma } from "../generated/prisma/client";

type Tx = Prisma.TransactionClient | typeof db;

/** The offer a click-to-call is placed from: the actor's, for this lead, still open. */
export async function claimOfferForCall(actor: Actor, offerId: string, leadId: string) {
  const offer = await db.dialerOffer.findFirst({
    where: { id: offerId, leadId, session: { agentId: actor.id, active: true } },
    select: { id: true, campaignId: true, state: true },
  });
  if (!offer) throw notFound("Offer");
  if (offer.state !== "OFFERED") throw new AppError("CONFLICT", "This lead was already called, skipped or snoozed in this session");
  return offer;
}

export async function linkCallToOffer(offer: { id: string; campaignId: string | null }, callId: string) {
  await db.$transaction([
    db.dialerOffer.update({ where: { id: offer.id }, data: { state: "CALLED", callId } }),
    ...(offer.campaignId ? [db.call.update({ where: { id: callId }, data: { campaignId: offer.campaignId } })] : []),
  ]);
}

/**
 * A called offer whose call is over: the outcome written on the offer and, for a campaign, the
 * attempt counted. Returns false while the call is still in progress.
 */
export async function settleOffer(tx: Tx, offerId: string): Promise<boolean> {
  const offer = await tx.dialerOffer.findUnique({
    where: { id: offerId },
    select: { id: true, state: true, callId: true, campaignId: true, leadId: true, answered: true, campaign: true },
  });
  if (!offer || offer.state !== "CALLED" || !offer.callId || offer.answered !== null) return true;
  const call = await tx.call.findUnique({ where: { id: offer.callId }, select: { status: true, disposition: true } });
  if (!call) return true;
  if (isActiveCallStatus(call.status)) return false;
  const answered = call.status === "COMPLETED";
  await tx.dialerOffer.update({
    where: { id: offer.id },
    data: { answered, outcome: call.disposition ?? (answered ? "answered" : "missed") },
  });
  if (offer.campaign) {
    const cl = await tx.campaignLead.findUnique({ where: { campaignId_leadId: { campaignId: offer.campaign.id, leadId: offer.leadId } } });
    if (cl) {
      const attempts = cl.attempts + 1;
      const done = answered || attempts >= offer.campaign.maxAttempts;
      await tx.campaignLead.update({
        where: { campaignId_leadId: { campaignId: cl.campaignId, leadId: cl.leadId } },
        data: {
          attempts,
          state: done ? "DONE" : "PENDING",
          claimedById: null,
          claimedAt: null,
          lastOutcome: call.disposition ?? (answered ? "answered" : "no answer"),
          nextAt: new Date(Date.now() + (done ? 0 : offer.campaign.retryGapMinutes * 60_000)),
        },
      });
    }
  }
  return true;
}

/** A campaign lead given back without an attempt (skipped), or held back for `delayMs` (snoozed). */
export async function releaseCampaignLead(tx: Tx, campaignId: string, leadId: string, delayMs = 0) {
  await tx.campaignLead.updateMany({
    where: { campaignId, leadId, state: "CLAIMED" },
    data: { state: "PENDING", claimedById: null, claimedAt: null, nextAt: new Date(Date.now() + delayMs) },
  });
}

/**
 * The job's sweep (every minute): offers whose calls ended while nobody pressed Next are settled,
 * and claims of an agent who left (no call for 15 minutes) are given back.
 */
export async function settleAbandonedOffers(): Promise<{ settled: number; released: number }> {
  const called = await db.dialerOffer.findMany({ where: { state: "CALLED", answered: null }, select: { id: true }, take: 500 });
  let settled = 0;
  for (const o of called) if (await settleOffer(db, o.id)) settled++;
  const stale = new Date(Date.now() - 15 * 60_000);
  const stuck = await db.dialerOffer.findMany({
    where: { state: "OFFERED", campaignId: { not: null }, createdAt: { lt: stale } },
    select: { id: true, campaignId: true, leadId: true },
    take: 500,
  });
  for (const o of stuck) {
    await releaseCampaignLead(db, o.campaignId!, o.leadId);
    await db.dialerOffer.update({ where: { id: o.id }, data: { state: "SKIPPED", outcome: "released (no call)" } });
  }
  return { settled, released: stuck.length };
}
