// Follow-up tasks made from calls: created, listed, counted and completed through the real routes.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import * as taskRoute from "@/app/api/v1/tasks/[id]/route";
import { db } from "@/lib/db";
import { hangupTemplate } from "@/lib/smartflo/__fixtures__/deliveries";
import { listTasks, taskCounts } from "@/lib/tasks/service";
import { makeLead, makeUser, TEST_PASSWORD } from "@/scripts/test/factories";
import { call, signIn } from "@/scripts/test/http";
import { newCallId } from "@/scripts/test/sessions";
import { send } from "@/scripts/test/webhook";

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
