// Team features: follow-up tasks from calls, dispositions, assignment, import/export, dashboard.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import * as dispositionRoute from "@/app/api/v1/calls/[id]/disposition/route";
import * as dashboardRoute from "@/app/api/v1/dashboard/route";
import * as assignRoute from "@/app/api/v1/leads/assign/route";
import * as exportRoute from "@/app/api/v1/leads/export/route";
import * as importRoute from "@/app/api/v1/leads/import/route";
import * as taskRoute from "@/app/api/v1/tasks/[id]/route";
import { makeLead, makeUser, TEST_PASSWORD, uniquePhone } from "@/scripts/test/factories";
import { call, signIn } from "@/scripts/test/http";
import { send } from "@/scripts/test/webhook";
import { dashboard } from "./dashboard/service";
import { db } from "./db";
import { recordDisposition } from "./dispositions/service";
import { assignLeads, setRoundRobin } from "./leads/assign";
import { parseCsv, readImportFile } from "./leads/csv";
import { importLeads } from "./leads/import";
import { createLead } from "./leads/service";
import { hangupTemplate } from "./smartflo/__fixtures__/deliveries";
import { listTasks, taskCounts } from "./tasks/service";

const newCallId = () => `${Math.floor(Date.now() / 1000)}.${Math.floor(Math.random() * 1e6)}`;

async function endedCall(agentId: string, leadId: string, status: "COMPLETED" | "MISSED" | "RINGING" = "COMPLETED") {
  return db.call.create({
    data: {
      leadId,
      agentId,
      direction: "OUTBOUND",
      status,
      talkSeconds: status === "COMPLETED" ? 40 : 0,
      startedAt: new Date(),
      endedAt: status === "RINGING" ? null : new Date(),
    },
  });
}

describe("follow-up tasks from calls", () => {
  it("a missed inbound call asks the owner to call back, once however often delivered; an answered call closes it", async () => {
    const { user: agent, actor } = await makeUser();
    const lead = await makeLead({ ownerId: agent.id, name: "Missed Caller" });
    const vars = {
      leadId: lead.id,
      phone10: lead.phone.slice(-10),
      callId: newCallId(),
      uuid: randomUUID(),
      agentNumber: agent.smartfloAgentNumber!,
    };
    const missed = hangupTemplate({
      direction: "inbound",
      caller_id_number: "{{phone10}}",
      call_to_number: "08069001234",
      "customer_no_with_prefix ": "{{phone10}}",
      ref_id: "",
      call_status: "missed",
      answer_stamp: "$answer_stamp",
      billsec: "0",
      outbound_sec: "$outbound_sec",
      recording_url: "$recording_url",
      answered_agent_number: "$answered_agent_number",
    });
    for (let i = 0; i < 3; i++) expect((await send({ body: missed }, vars)).status).toBe(200);
    const tasks = await db.task.findMany({ where: { leadId: lead.id } });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ kind: "CALL_BACK", assigneeId: agent.id, doneAt: null });
    expect(tasks[0]!.title).toContain("Missed Caller");
    expect(await taskCounts({ actor })).toEqual({ open: 1, due: 1 });

    // The agent calls back and talks: the call-back task is done.
    const back = { ...vars, callId: newCallId(), uuid: randomUUID() };
    expect((await send({ body: hangupTemplate() }, back)).status).toBe(200);
    expect((await db.task.findFirstOrThrow({ where: { id: tasks[0]!.id } })).doneAt).not.toBeNull();
    expect(await taskCounts({ actor })).toEqual({ open: 0, due: 0 });
  });

  it("an unanswered outbound call creates a call-back task too", async () => {
    const { user: agent } = await makeUser();
    const lead = await makeLead({ ownerId: agent.id });
    const vars = {
      leadId: lead.id,
      phone10: lead.phone.slice(-10),
      callId: newCallId(),
      uuid: randomUUID(),
      agentNumber: agent.smartfloAgentNumber!,
    };
    const noAnswer = hangupTemplate({
      answer_stamp: "$answer_stamp",
      billsec: "0",
      outbound_sec: "0",
      call_status: "missed",
      hangup_cause: "NO_ANSWER",
      recording_url: "$recording_url",
    });
    expect((await send({ body: noAnswer }, vars)).status).toBe(200);
    const task = await db.task.findFirstOrThrow({ where: { leadId: lead.id } });
    expect(task).toMatchObject({ kind: "CALL_BACK", assigneeId: agent.id });
    expect(task.title).toMatch(/no answer/);
  });

  it("lets only the assignee (or their manager, or an admin) see, complete and snooze a task", async () => {
    const { user: manager, actor: managerActor } = await makeUser({ role: "MANAGER" });
    const { user: agent, actor } = await makeUser({ managerId: manager.id });
    const { user: other } = await makeUser();
    const lead = await makeLead({ ownerId: agent.id });
    const task = await db.task.create({
      data: { leadId: lead.id, assigneeId: agent.id, title: "Call back", dueAt: new Date(Date.now() - 3600_000) },
    });
    const later = await db.task.create({
      data: { leadId: lead.id, assigneeId: agent.id, title: "Later", dueAt: new Date(Date.now() + 86400_000) },
    });
    const mine = await listTasks({ actor, query: { status: "open", scope: "mine", limit: 50 } });
    expect(mine.items.map((t) => t.id)).toEqual([task.id, later.id]); // overdue first
    expect(mine.items[0]!.overdue).toBe(true);
    const team = await listTasks({ actor: managerActor, query: { status: "open", scope: "team", limit: 50 } });
    expect(team.items.map((t) => t.id)).toContain(task.id);

    // A lead's follow-ups: everyone's tasks on it, for whoever may see the lead; others get 404.
    const onLead = await listTasks({ actor: managerActor, query: { status: "open", scope: "mine", leadId: lead.id, limit: 50 } });
    expect(onLead.items.map((t) => t.id)).toEqual([task.id, later.id]);
    await expect(
      listTasks({
        actor: { id: other.id, name: other.name, email: other.email, role: "AGENT", managerId: null },
        query: { status: "open", scope: "mine", leadId: lead.id, limit: 50 },
      }),
    ).rejects.toMatchObject({ kind: "NOT_FOUND" });

    const otherCookie = await signIn(other.email, TEST_PASSWORD);
    expect(
      (
        await call(taskRoute.PATCH, {
          path: `/api/v1/tasks/${task.id}`,
          method: "PATCH",
          cookie: otherCookie,
          params: { id: task.id },
          body: { done: true },
        })
      ).status,
    ).toBe(404);
    const cookie = await signIn(agent.email, TEST_PASSWORD);
    const snoozeTo = new Date(Date.now() + 2 * 3600_000).toISOString();
    const snoozed = await call(taskRoute.PATCH, {
      path: `/api/v1/tasks/${task.id}`,
      method: "PATCH",
      cookie,
      params: { id: task.id },
      body: { dueAt: snoozeTo },
    });
    expect(snoozed.status).toBe(200);
    expect(snoozed.json.dueAt).toBe(snoozeTo);
    const bad = await call(taskRoute.PATCH, {
      path: `/api/v1/tasks/${task.id}`,
      method: "PATCH",
      cookie,
      params: { id: task.id },
      body: { dueAt: "soon" },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.error.fields.dueAt).toBeTruthy();
    const done = await call(taskRoute.PATCH, {
      path: `/api/v1/tasks/${task.id}`,
      method: "PATCH",
      cookie,
      params: { id: task.id },
      body: { done: true },
    });
    expect(done.json.doneAt).not.toBeNull();
  });
});

describe("dispositions", () => {
  it("records the outcome on the call, and moves the lead only when the agent confirms", async () => {
    const { user: agent, actor } = await makeUser();
    const lead = await makeLead({ ownerId: agent.id, status: "CONTACTED" });
    const c = await endedCall(agent.id, lead.id);
    const notInterested = await db.disposition.findUniqueOrThrow({ where: { label: "Not interested" } });
    expect(notInterested.leadStatus).toBe("LOST");

    const first = await recordDisposition({ actor, callId: c.id, input: { dispositionId: notInterested.id, note: "Bought elsewhere" } });
    expect(first).toMatchObject({ disposition: "Not interested", note: "Bought elsewhere", statusChanged: false });
    expect((await db.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("CONTACTED");

    const confirmed = await recordDisposition({
      actor,
      callId: c.id,
      input: { dispositionId: notInterested.id, note: "Bought elsewhere", applyLeadStatus: true },
    });
    expect(confirmed.statusChanged).toBe(true);
    expect((await db.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("LOST");
    const change = await db.activity.findFirstOrThrow({ where: { leadId: lead.id, type: "STATUS_CHANGE" } });
    expect(change.payload).toMatchObject({ from: "CONTACTED", to: "LOST", reason: "Call outcome: Not interested" });
    expect((await db.call.findUniqueOrThrow({ where: { id: c.id } })).disposition).toBe("Not interested");
  });

  it('"Call back later" needs a time and creates a follow-up; in-progress and others\' calls are refused', async () => {
    const { user: agent, actor } = await makeUser();
    const { user: other } = await makeUser();
    const lead = await makeLead({ ownerId: agent.id, name: "Later Lead" });
    const c = await endedCall(agent.id, lead.id);
    const later = await db.disposition.findUniqueOrThrow({ where: { label: "Call back later" } });
    const cookie = await signIn(agent.email, TEST_PASSWORD);
    const put = (id: string, body: unknown, who = cookie) =>
      call(dispositionRoute.PUT, { path: `/api/v1/calls/${id}/disposition`, method: "PUT", cookie: who, params: { id }, body });

    const missingTime = await put(c.id, { dispositionId: later.id });
    expect(missingTime.status).toBe(422);
    expect(missingTime.json.error.fields.callbackAt).toMatch(/required/);
    expect((await put(c.id, { dispositionId: "nope" })).json.error.fields.dispositionId).toBeTruthy();
    const at = new Date(Date.now() + 86400_000).toISOString();
    const ok = await put(c.id, { dispositionId: later.id, callbackAt: at, note: "after 5pm" });
    expect(ok.status).toBe(200);
    const task = await db.task.findUniqueOrThrow({ where: { id: ok.json.taskId } });
    expect(task).toMatchObject({ kind: "FOLLOW_UP", assigneeId: agent.id, title: "Call back Later Lead" });
    expect(task.dueAt.toISOString()).toBe(at);

    const live = await endedCall(agent.id, lead.id, "RINGING");
    expect((await put(live.id, { dispositionId: later.id, callbackAt: at })).status).toBe(409);
    const otherCookie = await signIn(other.email, TEST_PASSWORD);
    expect((await put(c.id, { dispositionId: later.id, callbackAt: at }, otherCookie)).status).toBe(404);
    void actor;
  });
});

describe("assignment", () => {
  it("managers assign within their team, with an ASSIGNMENT entry per lead; not across teams; agents cannot", async () => {
    const { user: manager, actor: managerActor } = await makeUser({ role: "MANAGER" });
    const { user: mine } = await makeUser({ managerId: manager.id });
    const { user: elsewhere } = await makeUser();
    const leads = await Promise.all([makeLead(), makeLead(), makeLead({ ownerId: mine.id })]);
    const result = await assignLeads({ actor: managerActor, input: { leadIds: leads.map((l) => l.id), ownerId: mine.id } });
    expect(result).toEqual({ assigned: 2, unchanged: 1 });
    expect(await db.lead.count({ where: { id: { in: leads.map((l) => l.id) }, ownerId: mine.id } })).toBe(3);
    const entries = await db.activity.findMany({ where: { leadId: { in: leads.map((l) => l.id) }, type: "ASSIGNMENT" } });
    expect(entries).toHaveLength(2);
    expect(entries[0]!.payload).toMatchObject({ to: mine.id, toName: mine.name });

    const cookie = await signIn(manager.email, TEST_PASSWORD);
    const across = await call(assignRoute.POST, {
      path: "/api/v1/leads/assign",
      method: "POST",
      cookie,
      body: { leadIds: [leads[0]!.id], ownerId: elsewhere.id },
    });
    expect(across.status).toBe(422);
    expect(across.json.error.fields.ownerId).toMatch(/team/);
    const empty = await call(assignRoute.POST, {
      path: "/api/v1/leads/assign",
      method: "POST",
      cookie,
      body: { leadIds: [], ownerId: mine.id },
    });
    expect(empty.json.error.fields.leadIds).toBeTruthy();
    const agentCookie = await signIn(mine.email, TEST_PASSWORD);
    expect(
      (
        await call(assignRoute.POST, {
          path: "/api/v1/leads/assign",
          method: "POST",
          cookie: agentCookie,
          body: { leadIds: [leads[0]!.id], ownerId: mine.id },
        })
      ).status,
    ).toBe(404);
  });

  it("round-robin hands new unowned leads to active agents in turn", async () => {
    const { actor: admin } = await makeUser({ role: "ADMIN" });
    await db.user.updateMany({ where: { role: "AGENT" }, data: { active: false } });
    const a = await makeUser();
    const b = await makeUser();
    await makeUser({ active: false });
    try {
      await setRoundRobin({ actor: admin, input: { enabled: true } });
      const owners = [];
      for (let i = 0; i < 4; i++)
        owners.push((await createLead({ actor: admin, input: { name: `RR ${i}`, phone: uniquePhone() } })).owner?.id);
      const ids = [a.user.id, b.user.id].sort();
      expect(owners).toEqual([ids[0], ids[1], ids[0], ids[1]]);
      // Naming an owner (or none, explicitly) bypasses the turn.
      expect((await createLead({ actor: admin, input: { name: "Explicit", phone: uniquePhone(), ownerId: null } })).owner).toBeNull();
    } finally {
      await setRoundRobin({ actor: admin, input: { enabled: false } });
    }
  });
});

describe("CSV import and export", () => {
  it("reads quoted CSV, semicolons, a BOM and CRLF", () => {
    expect(parseCsv('\ufeffname;phone\r\n"Rao, ""Sr""";98450 12345\r\n')).toEqual([
      ["name", "phone"],
      ['Rao, "Sr"', "98450 12345"],
    ]);
    expect(readImportFile("Full Name,Mobile\nA,1").rows).toEqual([{ line: 2, name: "A", phone: "1", email: undefined, source: undefined }]);
    expect(readImportFile("foo,bar\n1,2").error).toMatch(/missing: name, phone/);
  });

  it("reports every row (bad phone, bad email, duplicate in file or CRM), creates only the good ones, never twice", async () => {
    const { actor: manager } = await makeUser({ role: "MANAGER" });
    const existing = await makeLead();
    const p1 = uniquePhone();
    const p2 = uniquePhone();
    const rows = [
      { line: 2, name: "Good One", phone: p1.slice(3) },
      { line: 3, name: "Bad Phone", phone: "12345" },
      { line: 4, name: "", phone: uniquePhone() },
      { line: 5, name: "Same As Line 2", phone: `+91 ${p1.slice(3, 8)} ${p1.slice(8)}` },
      { line: 6, name: "In CRM", phone: existing.phone },
      { line: 7, name: "Bad Email", phone: uniquePhone(), email: "not-an-email" },
      { line: 8, name: "Good Two", phone: p2, email: "Two@Example.com" },
    ];
    const dry = await importLeads({ actor: manager, input: { rows, dryRun: true } });
    expect(dry).toMatchObject({ rows: 7, ok: 2, invalid: 3, duplicate: 2, created: 0 });
    expect(dry.reports.map((r) => [r.line, r.status])).toEqual([
      [2, "ok"],
      [3, "invalid"],
      [4, "invalid"],
      [5, "duplicate"],
      [6, "duplicate"],
      [7, "invalid"],
      [8, "ok"],
    ]);
    expect(dry.reports[1]!.errors!.phone).toMatch(/not a valid phone/);
    expect(dry.reports[3]!.duplicateOfLine).toBe(2);
    expect(dry.reports[4]!.existingLeadId).toBe(existing.id);
    expect(await db.lead.count({ where: { phone: { in: [p1, p2] } } })).toBe(0);

    const done = await importLeads({ actor: manager, input: { rows, dryRun: false } });
    expect(done.created).toBe(2);
    const made = await db.lead.findMany({ where: { phone: { in: [p1, p2] } }, orderBy: { name: "asc" } });
    expect(made.map((l) => [l.name, l.email, l.source])).toEqual([
      ["Good One", null, "CSV import"],
      ["Good Two", "two@example.com", "CSV import"],
    ]);
    expect(await db.activity.count({ where: { leadId: { in: made.map((l) => l.id) }, type: "LEAD_CREATED" } })).toBe(2);
    // The browser re-sends a chunk after a network error: nothing is created twice.
    const again = await importLeads({ actor: manager, input: { rows, dryRun: false } });
    expect(again).toMatchObject({ created: 0, ok: 0, duplicate: 4 });
  });

  it("imports 10,000 rows in one dry run and in 500-row chunks", async () => {
    const { actor: admin } = await makeUser({ role: "ADMIN" });
    const base = 6_100_000_000 + Math.floor(Math.random() * 1000) * 10_000;
    const rows = Array.from({ length: 10_000 }, (_, i) => ({ line: i + 2, name: `Bulk ${i}`, phone: String(base + i) }));
    const dry = await importLeads({ actor: admin, input: { rows, dryRun: true } });
    expect(dry.ok).toBe(10_000);
    let created = 0;
    for (let i = 0; i < rows.length; i += 500)
      created += (await importLeads({ actor: admin, input: { rows: rows.slice(i, i + 500), dryRun: false } })).created;
    expect(created).toBe(10_000);
  }, 120_000);

  it("is for managers and admins; answers 4xx naming the field for bad bodies", async () => {
    const { user: agent } = await makeUser();
    const { user: manager } = await makeUser({ role: "MANAGER" });
    const agentCookie = await signIn(agent.email, TEST_PASSWORD);
    expect(
      (
        await call(importRoute.POST, {
          path: "/api/v1/leads/import",
          method: "POST",
          cookie: agentCookie,
          body: { rows: [{ line: 2, name: "x", phone: "9845012345" }] },
        })
      ).status,
    ).toBe(404);
    const cookie = await signIn(manager.email, TEST_PASSWORD);
    const bad = await call(importRoute.POST, { path: "/api/v1/leads/import", method: "POST", cookie, body: { rows: "nope" } });
    expect(bad.status).toBe(422);
    expect(bad.json.error.fields.rows).toBeTruthy();
  });

  it("exports the actor's filtered leads as CSV, neutralising spreadsheet formulas", async () => {
    const { user: agent } = await makeUser();
    const { user: other } = await makeUser();
    const tag = randomUUID().slice(0, 6);
    await makeLead({ ownerId: agent.id, name: `=HYPERLINK("x") ${tag}` });
    await makeLead({ ownerId: agent.id, name: `Plain, Name ${tag}` });
    await makeLead({ ownerId: other.id, name: `Not Mine ${tag}` });
    const cookie = await signIn(agent.email, TEST_PASSWORD);
    const res = await call(exportRoute.GET, { path: `/api/v1/leads/export?q=${tag}`, cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    const table = parseCsv(res.text);
    expect(table[0]).toEqual([
      "id",
      "name",
      "phone",
      "email",
      "source",
      "status",
      "owner",
      "last_contacted_at",
      "created_at",
      "updated_at",
    ]);
    expect(
      table
        .slice(1)
        .map((r) => r[1])
        .sort(),
    ).toEqual([`'=HYPERLINK("x") ${tag}`, `Plain, Name ${tag}`]);
  });
});

describe("dashboard", () => {
  it("computes per agent and IST day: calls made, answered rate, talk time, missed inbound, leads contacted", async () => {
    const { user: manager, actor: managerActor } = await makeUser({ role: "MANAGER" });
    const { user: a } = await makeUser({ managerId: manager.id });
    const { user: b } = await makeUser({ managerId: manager.id });
    const { user: outsider } = await makeUser();
    const [l1, l2, l3] = await Promise.all([makeLead(), makeLead(), makeLead()]);
    // 2026-03-10 IST: 09:00 IST = 03:30 UTC; 2026-03-11 01:30 IST = 2026-03-10 20:00 UTC (the IST day boundary).
    const d10 = new Date("2026-03-10T03:30:00Z");
    const d11 = new Date("2026-03-10T20:00:00Z");
    const mk = (
      agentId: string,
      leadId: string,
      at: Date,
      direction: "OUTBOUND" | "INBOUND",
      status: "COMPLETED" | "MISSED" | "FAILED",
      talk: number | null,
    ) =>
      db.call.create({
        data: {
          agentId,
          leadId,
          createdAt: at,
          startedAt: at,
          direction,
          status,
          talkSeconds: talk,
          answeredAt: status === "COMPLETED" ? at : null,
        },
      });
    await mk(a.id, l1.id, d10, "OUTBOUND", "COMPLETED", 120);
    await mk(a.id, l1.id, d10, "OUTBOUND", "COMPLETED", 60);
    await mk(a.id, l2.id, d10, "OUTBOUND", "MISSED", 0);
    await mk(a.id, l2.id, d10, "OUTBOUND", "FAILED", null);
    await mk(a.id, l3.id, d10, "INBOUND", "MISSED", null);
    await mk(a.id, l3.id, d11, "INBOUND", "COMPLETED", 30);
    await mk(b.id, l2.id, d11, "OUTBOUND", "COMPLETED", 90);
    await mk(outsider.id, l2.id, d11, "OUTBOUND", "COMPLETED", 999);

    const result = await dashboard({ actor: managerActor, query: { from: "2026-03-10", to: "2026-03-11" } });
    const row = (agentId: string, day: string) => result.perAgentDay.find((r) => r.agentId === agentId && r.day === day);
    expect(row(a.id, "2026-03-10")).toMatchObject({
      callsMade: 4,
      answered: 2,
      answeredRate: 0.5,
      talkSeconds: 180,
      avgTalkSeconds: 90,
      missedInbound: 1,
      leadsContacted: 1,
    });
    expect(row(a.id, "2026-03-11")).toMatchObject({
      callsMade: 0,
      answered: 1,
      answeredRate: null,
      talkSeconds: 30,
      avgTalkSeconds: 30,
      missedInbound: 0,
      leadsContacted: 1,
    });
    expect(row(b.id, "2026-03-11")).toMatchObject({ callsMade: 1, answered: 1, answeredRate: 1, talkSeconds: 90, leadsContacted: 1 });
    expect(result.perAgentDay.some((r) => r.agentId === outsider.id)).toBe(false);
    expect(result.perAgent.find((r) => r.agentId === a.id)).toMatchObject({
      callsMade: 4,
      answered: 3,
      talkSeconds: 210,
      avgTalkSeconds: 70,
      missedInbound: 1,
      leadsContacted: 2,
    });
    expect(result.perDay.map((d) => [d.day, d.callsMade, d.talkSeconds])).toEqual([
      ["2026-03-10", 4, 180],
      ["2026-03-11", 1, 120],
    ]);
    expect(result.totals).toMatchObject({ callsMade: 5, answered: 4, talkSeconds: 300, missedInbound: 1, leadsContacted: 3 });

    const cookie = await signIn(manager.email, TEST_PASSWORD);
    const bad = await call(dashboardRoute.GET, { path: "/api/v1/dashboard?from=2026-03-12&to=2026-03-10", cookie });
    expect(bad.status).toBe(422);
    expect(bad.json.error.fields.to).toBeTruthy();
    const agentCookie = await signIn(a.email, TEST_PASSWORD);
    expect((await call(dashboardRoute.GET, { path: "/api/v1/dashboard", cookie: agentCookie })).status).toBe(404);
  });
});
