// Claiming a campaign's next lead: one statement, FOR UPDATE SKIP LOCKED, so any number of agents
// (on any number of app servers) claiming at once never get the same lead.
import "server-only";
import type { Actor } from "../auth/actor";
import { getComplianceSettings } from "../compliance/settings";
import { db } from "../db";
import { AppError, notFound } from "../errors";
import { claimNextLeadSql } from "./claim-sql";

/** The campaign, if the actor may dial it now: on its agents, active, within its dates. */
export async function dialableCampaign(actor: Actor, campaignId: string) {
  const campaign = await db.campaign.findFirst({ where: { id: campaignId, agents: { some: { userId: actor.id } } } });
  if (!campaign) throw notFound("Campaign");
  const now = new Date();
  if (campaign.status !== "ACTIVE") throw new AppError("CONFLICT", `The campaign is ${campaign.status.toLowerCase()}`);
  if (campaign.startsAt && campaign.startsAt > now) throw new AppError("CONFLICT", "The campaign has not started yet");
  if (campaign.endsAt && campaign.endsAt <= now) throw new AppError("CONFLICT", "The campaign is over");
  return campaign;
}

/** Claims the campaign's next lead for the agent (see claimNextLeadSql); its id, or null when none is left. */
export async function claimCampaignLead(campaignId: string, agentId: string, sessionId: string | null): Promise<string | null> {
  const { consentRequiredForPromotional } = await getComplianceSettings();
  const rows = await db.$queryRaw<{ leadId: string }[]>(claimNextLeadSql(campaignId, agentId, sessionId, consentRequiredForPromotional));
  const leadId = rows[0]?.leadId;
  if (!leadId) return null;
  // A lead nobody owned becomes the agent's (the claim is theirs alone), with the timeline saying so.
  await db.$transaction(async (tx) => {
    const { count } = await tx.lead.updateMany({ where: { id: leadId, ownerId: null }, data: { ownerId: agentId } });
    if (!count) return;
    const agent = await tx.user.findUnique({ where: { id: agentId }, select: { name: true } });
    await tx.activity.create({
      data: {
        leadId,
        type: "ASSIGNMENT",
        actorId: agentId,
        payload: { from: null, fromName: null, to: agentId, toName: agent?.name ?? null, by: "campaign" },
      },
    });
  });
  return leadId;
}
