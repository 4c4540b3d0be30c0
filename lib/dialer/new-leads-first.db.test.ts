// The preview dialer with speed to lead (the dialerNewLeadsFirst setting): on, the agent's own new
// leads nobody has called yet come first, due soonest first, marked "New lead", before due
// follow-ups and the campaign's leads; never another agent's, never a do-not-call one. Off: the
// queue is as before.
import { afterEach, describe, expect, it } from "vitest";
import { makeLead, makeUser } from "../../scripts/test/factories";
import { db } from "../db";
import { speedSettings } from "../routing/settings";
import { createCampaign } from "./campaigns";
import { linkCallToOffer } from "./offers";
import { createCampaignSchema } from "./schemas";
import { currentSession, nextLead, skipLead, startSession } from "./sessions";

const MIN = 60_000;

afterEach(async () => {
  // The setting is one row of the worker's database: back to the default for the next test.
  const row = await db.appSetting.findUnique({ where: { key: "speedToLead" } });
  if (row)
    await db.appSetting.update({ where: { key: "speedToLead" }, data: { value: { ...(row.value as object), dialerNewLeadsFirst: true } } });
});

async function setNewLeadsFirst(on: boolean) {
  const value = { ...(await speedSettings()), dialerNewLeadsFirst: on };
  await db.appSetting.upsert({ where: { key: "speedToLead" }, create: { key: "speedToLead", value }, update: { value } });
}

/** A new lead of `ownerId`, its first call due in `dueInMin` minutes (negative: overdue). */
async function newLead(ownerId: string, name: string, dueInMin: number) {
  const lead = await makeLead({ ownerId, name });
  return db.lead.update({ where: { id: lead.id }, data: { source: "Website", firstResponseDueAt: new Date(Date.now() + dueInMin * MIN) } });
}

/** A manager, two agents, and for the first: three new leads, one already called, one do-not-call, a due follow-up and a campaign. */
async function floor() {
  const manager = await makeUser({ role: "MANAGER" });
  const agent = await makeUser({ managerId: manager.user.id });
  const colleague = await makeUser({ managerId: manager.user.id });
  const later = await newLead(agent.user.id, "New, due in 4", 4);
  const overdue = await newLead(agent.user.id, "New, overdue", -2);
  const soon = await newLead(agent.user.id, "New, due in 1", 1);
  const called = await newLead(agent.user.id, "New, called already", 3);
  await db.call.create({ data: { direction: "OUTBOUND", status: "COMPLETED", agentId: agent.user.id, leadId: called.id } });
  const dnc = await newLead(agent.user.id, "New, do not call", 0);
  await db.lead.update({ where: { id: dnc.id }, data: { doNotCall: true } });
  await newLead(colleague.user.id, "Colleague's new lead", -5);
  const followUp = await makeLead({ ownerId: agent.user.id, name: "Follow-up due" });
  await db.task.create({ data: { leadId: followUp.id, title: "call back", dueAt: new Date(Date.now() - MIN), assigneeId: agent.user.id } });
  const c1 = await makeLead({ name: "Campaign one" });
  const c2 = await makeLead({ name: "Campaign two" });
  const phones = [c1.phone, c2.phone];
  const campaign = await createCampaign(
    manager.actor,
    createCampaignSchema.parse({ name: `Campaign ${Date.now()}`, agentIds: [agent.user.id, colleague.user.id], phones }),
  );
  return { agent, colleague, campaign, leads: { later, overdue, soon } };
}

/** Every lead the session offers, in order, skipping each. */
async function offeredInOrder(actor: Awaited<ReturnType<typeof makeUser>>["actor"], campaignId: string) {
  const session = await startSession(actor, { source: "CAMPAIGN", campaignId });
  const seen: { name: string; newLead: boolean }[] = [];
  let state = await nextLead(actor, session.id);
  while (state.offer) {
    seen.push({ name: state.offer.lead.name, newLead: state.offer.newLead });
    state = await skipLead(actor, state.offer.id);
  }
  return seen;
}

describe("the preview dialer and new leads", () => {
  it("on (the default): the agent's own new leads not called yet come first, due soonest first, marked as new", async () => {
    const { agent, campaign } = await floor();
    const session = await startSession(agent.actor, { source: "CAMPAIGN", campaignId: campaign.id });
    const first = await nextLead(agent.actor, session.id);
    expect(first.offer).toMatchObject({ newLead: true, lead: { name: "New, overdue" } });
    // Three new leads, the follow-up and two campaign leads are left (the called and do-not-call ones are not).
    expect(first.progress?.left).toBe(5);
    await db.dialerSession.update({ where: { id: session.id }, data: { active: false } });

    expect(await offeredInOrder(agent.actor, campaign.id)).toEqual([
      { name: "New, overdue", newLead: true },
      { name: "New, due in 1", newLead: true },
      { name: "New, due in 4", newLead: true },
      { name: "Follow-up due", newLead: false },
      { name: "Campaign one", newLead: false },
      { name: "Campaign two", newLead: false },
    ]);
  });

  it("never offers another agent's new lead; a colleague on the same campaign gets the campaign's leads only", async () => {
    const { colleague, campaign } = await floor();
    const seen = await offeredInOrder(colleague.actor, campaign.id);
    expect(seen.map((s) => s.name)).toEqual(["Colleague's new lead", "Campaign one", "Campaign two"]);
  });

  it("keeps the mark on the offer once it is called, and a new lead called meanwhile is not offered", async () => {
    const { agent, campaign, leads } = await floor();
    const session = await startSession(agent.actor, { source: "CAMPAIGN", campaignId: campaign.id });
    const first = await nextLead(agent.actor, session.id);
    const offer = await db.dialerOffer.findUniqueOrThrow({ where: { id: first.offer!.id } });
    const call = await db.call.create({
      data: { direction: "OUTBOUND", status: "RINGING", agentId: agent.user.id, leadId: leads.overdue.id },
    });
    await linkCallToOffer(offer, call.id);
    expect((await currentSession(agent.actor)).offer).toMatchObject({ state: "CALLED", newLead: true });
    await db.call.update({ where: { id: call.id }, data: { status: "MISSED", endedAt: new Date(), disposition: "No answer" } });
    // Called from the lead page meanwhile: "New, due in 1" is no longer waiting.
    await db.call.create({ data: { direction: "OUTBOUND", status: "MISSED", agentId: agent.user.id, leadId: leads.soon.id } });
    const next = await nextLead(agent.actor, session.id);
    expect(next.offer).toMatchObject({ newLead: true, lead: { name: "New, due in 4" } });
  });

  it("off: unchanged, follow-ups then the campaign; the agent's new leads outside the campaign are not offered", async () => {
    await setNewLeadsFirst(false);
    const { agent, campaign } = await floor();
    expect(await offeredInOrder(agent.actor, campaign.id)).toEqual([
      { name: "Follow-up due", newLead: false },
      { name: "Campaign one", newLead: false },
      { name: "Campaign two", newLead: false },
    ]);
  });
});
