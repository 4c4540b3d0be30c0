// The preview dialer and campaigns on the test's database (PGlite, and PostgreSQL when set): the
// queue's order, attempts and the retry gap, resuming, and no lead claimed twice under concurrency.
import { describe, expect, it } from "vitest";
import { makeLead, makeUser } from "../../scripts/test/factories";
import { db } from "../db";
import { AppError } from "../errors";
import { createCampaign, getCampaign, listCampaigns } from "./campaigns";
import { claimCampaignLead } from "./claim";
import { linkCallToOffer } from "./offers";
import { createCampaignSchema } from "./schemas";
import { currentSession, endSession, nextLead, skipLead, snoozeLead, startSession } from "./sessions";

async function team(agents = 1) {
  const manager = await makeUser({ role: "MANAGER" });
  const members = [];
  for (let i = 0; i < agents; i++) members.push(await makeUser({ managerId: manager.user.id }));
  return { manager, members };
}

async function campaignOf(manager: Awaited<ReturnType<typeof makeUser>>, agentIds: string[], leadIds: string[], rules = {}) {
  const phones = (await db.lead.findMany({ where: { id: { in: leadIds } }, select: { phone: true } })).map((l) => l.phone);
  return createCampaign(manager.actor, createCampaignSchema.parse({ name: `Campaign ${Date.now()}`, agentIds, phones, ...rules }));
}

/** A call placed from the offer, ended with `status`. */
async function callFrom(offerId: string, agentId: string, leadId: string, status: "COMPLETED" | "MISSED") {
  const offer = await db.dialerOffer.findUniqueOrThrow({ where: { id: offerId } });
  const call = await db.call.create({ data: { direction: "OUTBOUND", status: "RINGING", agentId, leadId } });
  await linkCallToOffer(offer, call.id);
  await db.call.update({ where: { id: call.id }, data: { status, talkSeconds: status === "COMPLETED" ? 60 : 0, endedAt: new Date() } });
  return call;
}

describe("the preview dialer's queue", () => {
  it("offers due follow-ups first, then the campaign's leads in turn, each once; skip and snooze move on; a reload resumes", async () => {
    const { manager, members } = await team();
    const agent = members[0]!;
    const [a, b, c, d] = [
      await makeLead({ ownerId: agent.user.id, name: "Due first" }),
      await makeLead({ ownerId: agent.user.id, name: "Due second" }),
      await makeLead({ ownerId: agent.user.id, name: "Campaign one" }),
      await makeLead({ ownerId: agent.user.id, name: "Campaign two" }),
    ];
    await db.task.create({ data: { leadId: b.id, title: "later", dueAt: new Date(Date.now() - 60_000), assigneeId: agent.user.id } });
    await db.task.create({ data: { leadId: a.id, title: "earlier", dueAt: new Date(Date.now() - 3_600_000), assigneeId: agent.user.id } });
    const campaign = await campaignOf(manager, [agent.user.id], [c.id, d.id]);
    expect(campaign.progress.leads).toMatchObject({ pending: 2, total: 2 });

    const session = await startSession(agent.actor, { source: "CAMPAIGN", campaignId: campaign.id });
    const first = await nextLead(agent.actor, session.id);
    expect(first.offer?.lead.name).toBe("Due first");
    // A reload (or a second click) gives the same lead, not a new one.
    expect((await currentSession(agent.actor)).offer?.id).toBe(first.offer!.id);
    expect((await nextLead(agent.actor, session.id)).offer?.id).toBe(first.offer!.id);

    const second = await skipLead(agent.actor, first.offer!.id);
    expect(second.offer?.lead.name).toBe("Due second");
    const third = await snoozeLead(agent.actor, second.offer!.id, 60);
    expect(third.offer?.lead.name).toBe("Campaign one");
    expect(await db.task.count({ where: { leadId: b.id, doneAt: null, dueAt: { gt: new Date() } } })).toBe(1);
    await callFrom(third.offer!.id, agent.user.id, c.id, "COMPLETED");
    // Answered counts as soon as the call is, before Next is pressed (the offer is settled then).
    expect((await currentSession(agent.actor)).progress).toMatchObject({ called: 1, answered: 1 });
    const fourth = await nextLead(agent.actor, session.id);
    expect(fourth.offer?.lead.name).toBe("Campaign two");
    expect(fourth.progress).toMatchObject({ called: 1, answered: 1, skipped: 1, snoozed: 1 });
    const done = await skipLead(agent.actor, fourth.offer!.id);
    expect(done.offer).toBeNull();
    expect(done.done).toBe(true);
    // Every lead was offered once in this session.
    const offered = await db.dialerOffer.findMany({ where: { sessionId: session.id } });
    expect(offered.map((o) => o.leadId).sort()).toEqual([a.id, b.id, c.id, d.id].sort());
    const progress = await getCampaign(manager.actor, campaign.id);
    expect(progress.progress).toMatchObject({ dialed: 1, connected: 1, talkSeconds: 60 });
    expect(progress.progress.agents).toEqual([expect.objectContaining({ agentId: agent.user.id, dialed: 1, connected: 1 })]);
    await endSession(agent.actor, session.id);
    expect((await currentSession(agent.actor)).session).toBeNull();
  });

  it("tries an unanswered lead again after the retry gap, up to the maximum; an answered one is done", async () => {
    const { manager, members } = await team();
    const agent = members[0]!;
    const lead = await makeLead({ ownerId: agent.user.id });
    const campaign = await campaignOf(manager, [agent.user.id], [lead.id], { maxAttempts: 2, retryGapMinutes: 30 });
    const attempt = async () => {
      const session = await startSession(agent.actor, { source: "CAMPAIGN", campaignId: campaign.id });
      const offered = await nextLead(agent.actor, session.id);
      return { session, offer: offered.offer };
    };
    const one = await attempt();
    expect(one.offer?.lead.id).toBe(lead.id);
    await callFrom(one.offer!.id, agent.user.id, lead.id, "MISSED");
    expect((await nextLead(agent.actor, one.session.id)).done).toBe(true); // settles the attempt
    const cl = () => db.campaignLead.findUniqueOrThrow({ where: { campaignId_leadId: { campaignId: campaign.id, leadId: lead.id } } });
    expect(await cl()).toMatchObject({ attempts: 1, state: "PENDING" });
    expect((await cl()).nextAt.getTime()).toBeGreaterThan(Date.now() + 29 * 60_000);
    // Not before the gap, even in a new session.
    expect((await attempt()).offer).toBeNull();
    await db.campaignLead.updateMany({ where: { campaignId: campaign.id }, data: { nextAt: new Date(Date.now() - 1000) } });
    const two = await attempt();
    expect(two.offer?.lead.id).toBe(lead.id);
    await callFrom(two.offer!.id, agent.user.id, lead.id, "MISSED");
    await nextLead(agent.actor, two.session.id);
    expect(await cl()).toMatchObject({ attempts: 2, state: "DONE", lastOutcome: "no answer" });
  });

  it("never gives two agents the same lead, however many claim at once", async () => {
    const { manager, members } = await team(4);
    const leads = [];
    // Half are nobody's (any agent may take them: they contend), half an agent's own.
    for (let i = 0; i < 30; i++) leads.push(await makeLead({ ownerId: i % 2 ? members[i % 4]!.user.id : null }));
    const campaign = await campaignOf(
      manager,
      members.map((m) => m.user.id),
      leads.map((l) => l.id),
    );
    const claims = await Promise.all(Array.from({ length: 80 }, (_, i) => claimCampaignLead(campaign.id, members[i % 4]!.user.id, null)));
    const got = claims.filter((c): c is string => c !== null);
    expect(got).toHaveLength(30);
    expect(new Set(got).size).toBe(30);
    expect(await db.campaignLead.count({ where: { campaignId: campaign.id, state: "CLAIMED" } })).toBe(30);
    // Each lead went to an agent who may see it: its owner, or (nobody's) the one who claimed it, now its owner.
    const claimedBy = await db.campaignLead.findMany({ where: { campaignId: campaign.id }, include: { lead: true } });
    for (const c of claimedBy) expect(c.lead.ownerId).toBe(c.claimedById);
    expect(await db.activity.count({ where: { leadId: { in: leads.map((l) => l.id) }, type: "ASSIGNMENT" } })).toBe(15);
  });

  it("offers an agent only the campaign's leads they own or nobody owns", async () => {
    const { manager, members } = await team(2);
    const theirs = await makeLead({ ownerId: members[1]!.user.id });
    const campaign = await campaignOf(
      manager,
      members.map((m) => m.user.id),
      [theirs.id],
    );
    expect(await claimCampaignLead(campaign.id, members[0]!.user.id, null)).toBeNull();
    expect(await claimCampaignLead(campaign.id, members[1]!.user.id, null)).toBe(theirs.id);
  });

  it("lets managers build campaigns for their own team only; agents see the ones they are on", async () => {
    const { manager, members } = await team();
    const outsider = await makeUser();
    const lead = await makeLead({ ownerId: members[0]!.user.id });
    const refused = await campaignOf(manager, [outsider.user.id], [lead.id]).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).details.fields).toHaveProperty("agentIds");
    const mine = await createCampaign(
      manager.actor,
      createCampaignSchema.parse({ name: "New leads", agentIds: [members[0]!.user.id], leadFilter: { status: "NEW" } }),
    );
    expect(mine.progress.leads.total).toBeGreaterThanOrEqual(1);
    expect((await listCampaigns(members[0]!.actor)).items.map((c) => c.id)).toContain(mine.id);
    expect((await listCampaigns(outsider.actor)).items.map((c) => c.id)).not.toContain(mine.id);
    const foreign = await startSession(outsider.actor, { source: "CAMPAIGN", campaignId: mine.id }).catch((e: unknown) => e);
    expect((foreign as AppError).kind).toBe("NOT_FOUND");
  });
});
