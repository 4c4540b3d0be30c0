// Demo data: four users and ~60 leads across statuses and owners, some with past calls.
// Deterministic (seeded PRNG) so screenshots and tests see the same data every time.
import { createHash } from "node:crypto";
import { prng } from "../prng";
import "server-only";
import type { Db } from "../db/client";
import type { CallStatus, LeadStatus } from "../generated/prisma/enums";
import { last10Digits, normalizePhone } from "../phone";
import { SIMULATOR_DID } from "../smartflo/simulator/options";
import { createUserWithPassword } from "../users/create-user";

export const DEMO_USERS = {
  admin: { email: "admin@demo.local", name: "Asha Admin", role: "ADMIN" },
  // The manager has a Smartflo number too: the phone Smartflo rings when she monitors, whispers or barges.
  manager: { email: "manager@demo.local", name: "Meera Manager", role: "MANAGER", smartfloAgentNumber: "9000000009" },
  agent: { email: "agent@demo.local", name: "Arjun Agent", role: "AGENT", smartfloAgentNumber: "9000000001" },
  agent2: { email: "agent2@demo.local", name: "Kavya Agent", role: "AGENT", smartfloAgentNumber: "9000000002" },
} as const;

const FIRST = [
  "Aarav",
  "Vivaan",
  "Aditya",
  "Vihaan",
  "Priya",
  "Ananya",
  "Diya",
  "Ishaan",
  "Kabir",
  "Saanvi",
  "Rohan",
  "Neha",
  "Karan",
  "Pooja",
  "Rahul",
  "Sneha",
  "Vikram",
  "Anjali",
  "Siddharth",
  "Riya",
];
const LAST = [
  "Sharma",
  "Verma",
  "Iyer",
  "Reddy",
  "Nair",
  "Patel",
  "Gupta",
  "Menon",
  "Singh",
  "Das",
  "Kulkarni",
  "Joshi",
  "Rao",
  "Bose",
  "Chopra",
];
const SOURCES = ["Website", "Referral", "Facebook Ads", "Trade show", "Google Ads", "Walk-in"];
const STATUSES: LeadStatus[] = [
  "NEW",
  "NEW",
  "NEW",
  "NEW",
  "CONTACTED",
  "CONTACTED",
  "CONTACTED",
  "QUALIFIED",
  "QUALIFIED",
  "WON",
  "LOST",
  "UNREACHABLE",
];

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  return (await db.user.count()) === 0;
}

export async function seedDemoData(db: Db, { password, leadCount = 60 }: { password: string; leadCount?: number }) {
  const admin = await createUserWithPassword(db, { ...DEMO_USERS.admin, password });
  const manager = await createUserWithPassword(db, { ...DEMO_USERS.manager, password });
  const agent = await createUserWithPassword(db, { ...DEMO_USERS.agent, password, managerId: manager.id });
  const agent2 = await createUserWithPassword(db, { ...DEMO_USERS.agent2, password, managerId: manager.id });
  const owners = [agent.id, agent.id, agent2.id, agent2.id, null];
  const outcomes = new Map((await db.disposition.findMany({ select: { id: true, label: true } })).map((d) => [d.label, d.id]));
  // The number the built-in simulator's inbound callers dial is the one in the newspaper ad: a new
  // caller to it becomes a "Newspaper ad" lead, and its past calls say so on the timeline.
  const did = normalizePhone(SIMULATOR_DID)!;
  await db.numberSource.create({ data: { number: did.e164, last10: did.last10, source: "Newspaper ad" } });
  // Leads that arrive by themselves (web forms, ads, IndiaMART, new callers) go to Meera's team in
  // turn: the routing rules' fallback (Settings → Lead routing). Leads imported or added by hand do not.
  await db.routingRule.create({
    data: { name: "Everyone else", position: 0, isFallback: true, target: "ROUND_ROBIN", targetUserId: manager.id, onBreach: "REASSIGN" },
  });
  const rand = prng(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const now = Date.now();

  for (let i = 0; i < leadCount; i++) {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 7) % LAST.length]!;
    const phone = `+9198${String(10000000 + i * 7919).padStart(8, "0")}`;
    const status = i === 0 ? "NEW" : pick(STATUSES);
    const ownerId = i < 4 ? (i % 2 === 0 ? agent.id : agent2.id) : pick(owners);
    const createdAt = new Date(now - (leadCount - i) * 6 * 3600_000 - Math.floor(rand() * 3600_000));
    const lead = await db.lead.create({
      data: {
        name: `${first} ${last}`,
        phone,
        phoneLast10: last10Digits(phone),
        email: i % 3 === 0 ? null : `${first}.${last}${i}@example.com`.toLowerCase(),
        source: pick(SOURCES),
        status,
        ownerId,
        createdAt,
        activities: { create: { type: "LEAD_CREATED", actorId: manager.id, payload: {}, createdAt } },
      },
    });
    // Leads past NEW have a call history: an answered call and sometimes a missed one.
    if (status !== "NEW" && ownerId) {
      const agentNumber = ownerId === agent.id ? DEMO_USERS.agent.smartfloAgentNumber : DEMO_USERS.agent2.smartfloAgentNumber;
      const calls: { status: CallStatus; talk: number; direction: "OUTBOUND" | "INBOUND" }[] = [
        { status: "COMPLETED", talk: 35 + Math.floor(rand() * 400), direction: "OUTBOUND" },
      ];
      if (rand() < 0.4) calls.unshift({ status: "MISSED", talk: 0, direction: rand() < 0.5 ? "INBOUND" : "OUTBOUND" });
      let at = createdAt.getTime() + 3600_000;
      for (const c of calls) {
        // Nothing in the future: a lead created this morning has this morning's call only.
        if (at > now - 10 * 60_000) break;
        const startedAt = new Date(at);
        const outcome = c.status === "COMPLETED" ? pick(["Interested", "Interested", "Call back later", "Not interested"]) : "No answer";
        const answeredAt = c.status === "COMPLETED" ? new Date(at + 12_000) : null;
        const endedAt = new Date(at + 12_000 + c.talk * 1000 + (c.status === "MISSED" ? 18_000 : 0));
        const call = await db.call.create({
          data: {
            leadId: lead.id,
            agentId: ownerId,
            direction: c.direction,
            status: c.status,
            providerStatus: c.status === "COMPLETED" ? "answered" : "missed",
            providerCallId: `demo.${i}.${at}`,
            customerNumber: phone,
            agentNumber,
            // They called the number in the ad and pressed 1 for sales.
            ...(c.direction === "INBOUND" ? { dialledNumber: did.e164, ivrDigits: "1" } : {}),
            startedAt,
            answeredAt,
            endedAt,
            ringSeconds: c.status === "COMPLETED" ? 12 : 30,
            talkSeconds: c.talk,
            durationSeconds: Math.round((endedAt.getTime() - startedAt.getTime()) / 1000),
            disposition: outcome,
            dispositionId: outcomes.get(outcome) ?? null,
            dispositionAt: endedAt,
            createdAt: startedAt,
          },
        });
        await db.activity.create({
          data: { leadId: lead.id, type: "CALL", actorId: ownerId, callId: call.id, payload: {}, createdAt: startedAt },
        });
        at += 26 * 3600_000;
      }
      const last = await db.call.findFirst({ where: { leadId: lead.id }, orderBy: { createdAt: "desc" }, select: { startedAt: true } });
      if (last) await db.lead.update({ where: { id: lead.id }, data: { lastContactedAt: last.startedAt } });
    }
  }
  // The agent's two latest answered calls still wait for their outcome (Home asks for them).
  const waiting = await db.call.findMany({
    where: { agentId: agent.id, status: "COMPLETED", direction: "OUTBOUND" },
    orderBy: { createdAt: "desc" },
    take: 2,
    select: { id: true },
  });
  await db.call.updateMany({
    where: { id: { in: waiting.map((c) => c.id) } },
    data: { disposition: null, dispositionId: null, dispositionAt: null },
  });
  // A few follow-ups on each agent's list: one overdue, one later today, one tomorrow.
  const dueIn = [-2 * 3600_000, 3 * 3600_000, 26 * 3600_000];
  for (const ownerId of [agent.id, agent2.id]) {
    const leads = await db.lead.findMany({
      where: { ownerId },
      orderBy: { createdAt: "desc" },
      take: dueIn.length,
      select: { id: true, name: true },
    });
    await db.task.createMany({
      data: leads.map((l, k) => ({
        leadId: l.id,
        assigneeId: ownerId,
        createdById: manager.id,
        kind: "FOLLOW_UP" as const,
        title: `Follow up with ${l.name}`,
        dueAt: new Date(now + dueIn[k]!),
      })),
    });
  }
  // A campaign the manager runs over the team's leads not yet won or lost, for the dialer on /calling.
  const open = await db.lead.findMany({
    where: { ownerId: { in: [agent.id, agent2.id] }, status: { in: ["NEW", "CONTACTED", "QUALIFIED"] } },
    select: { id: true },
  });
  await db.campaign.create({
    data: {
      name: "Demo: call the team's open leads",
      createdById: manager.id,
      maxAttempts: 3,
      retryGapMinutes: 60,
      agents: { create: [{ userId: agent.id }, { userId: agent2.id }] },
      leads: { create: open.map((l) => ({ leadId: l.id })) },
    },
  });
  // One of the agent's leads asked not to be called: the lead page shows a refused number.
  const optedOut = await db.lead.findFirst({ where: { ownerId: agent.id, status: "LOST" }, orderBy: { createdAt: "asc" } });
  if (optedOut) {
    const reason = "Asked not to be called (demo)";
    await db.dncEntry.create({
      data: {
        phone: optedOut.phone,
        phoneHash: createHash("sha256").update(optedOut.phone).digest("hex"),
        reason,
        source: "API",
        leadId: optedOut.id,
      },
    });
    await db.activity.create({
      data: { leadId: optedOut.id, type: "DO_NOT_CALL", payload: { marked: true, numbers: [optedOut.phone], reason, source: "API" } },
    });
  }
  // The built-in simulator's dialer break codes, so a demo break shows up at "Smartflo" too.
  for (const [id, code] of [
    ["brk_lunch", "101"],
    ["brk_tea", "102"],
    ["brk_training", "103"],
    ["brk_meeting", "104"],
  ] as const)
    await db.breakReason.updateMany({ where: { id, smartfloCode: null }, data: { smartfloCode: code } });
  return { admin, manager, agent, agent2 };
}
