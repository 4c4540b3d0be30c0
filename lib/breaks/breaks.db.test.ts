// Breaks against the simulator's dialer break API: the reason list (admins only), one open break
// per agent, Smartflo kept in step (and a failure there not losing the break), the live board, the
// preview dialer offering nothing during a break, transfers refused to someone on a break, and the
// dashboard's time on break.
import { describe, expect, it } from "vitest";
import { makeLead, makeUser } from "@/scripts/test/factories";
import { appError, simulatedSmartflo } from "@/scripts/test/simulated-smartflo";
import { liveBoard } from "../board/service";
import { dashboard } from "../dashboard/service";
import { db } from "../db";
import { nextLead, startSession } from "../dialer/sessions";
import { istDay } from "../time/india";
import { createBreakReason, endBreak, importSmartfloBreakCodes, listBreakReasons, myBreak, startBreak, updateBreakReason } from "./service";

const { sim } = simulatedSmartflo();
const number = () => `8${String(Math.floor(Math.random() * 1e9)).padStart(9, "0")}`;

describe("break reasons", () => {
  it("are edited by admins only; names are unique; retired ones cannot be used; Smartflo's codes can be pulled in", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const manager = await makeUser({ role: "MANAGER" });
    expect((await appError(createBreakReason(manager.actor, { name: "Gym" }))).kind).toBe("NOT_FOUND");
    expect((await appError(listBreakReasons(manager.actor, { all: true }))).kind).toBe("NOT_FOUND");
    const name = `Prayer ${Math.random().toString(36).slice(2, 7)}`;
    const reason = await createBreakReason(admin.actor, { name, sortOrder: 9 });
    const dup = await appError(createBreakReason(admin.actor, { name }));
    expect(dup.kind).toBe("CONFLICT");
    expect(dup.details.fields).toHaveProperty("name");
    expect((await listBreakReasons(manager.actor)).items.map((r) => r.name)).toContain(name);

    await updateBreakReason(admin.actor, reason.id, { active: false });
    expect((await listBreakReasons(manager.actor)).items.map((r) => r.name)).not.toContain(name);
    const agent = await makeUser({ agentNumber: number() });
    expect((await appError(startBreak(agent.actor, { reasonId: reason.id }))).details.fields).toHaveProperty("reasonId");
    expect(await db.auditEvent.count({ where: { targetId: reason.id, action: "settings.updated" } })).toBe(2);

    const pulled = await importSmartfloBreakCodes(admin.actor);
    expect(pulled.created + pulled.updated).toBe(4);
    expect(pulled.items.find((r) => r.name === "Lunch")?.smartfloCode).toBe("101");
  });
});

describe("an agent's break", () => {
  it("is one at a time, mirrored at Smartflo, on the board, stops the dialer, and adds up on the dashboard", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    await importSmartfloBreakCodes(admin.actor);
    const lunch = (await listBreakReasons(admin.actor)).items.find((r) => r.name === "Lunch")!;
    const manager = await makeUser({ role: "MANAGER", agentNumber: number() });
    const agent = await makeUser({ managerId: manager.user.id, agentNumber: number() });
    await makeLead({ ownerId: agent.user.id });

    const started = await startBreak(agent.actor, { reasonId: lunch.id });
    expect(started.break).toMatchObject({ reason: "Lunch", endedAt: null, smartflo: "synced" });
    expect(sim.breaks.get(agent.user.smartfloAgentNumber!)).toMatchObject({ code: "101" });
    expect((await appError(startBreak(agent.actor, { reasonId: lunch.id }))).kind).toBe("CONFLICT");
    expect((await myBreak(agent.actor)).break?.id).toBe(started.break.id);

    const board = await liveBoard(manager.actor);
    expect(board.agents.find((a) => a.id === agent.user.id)).toMatchObject({ state: "ON_BREAK", breakReason: "Lunch" });

    const session = await startSession(agent.actor, { source: "FILTER", filter: {} });
    const refused = await appError(nextLead(agent.actor, session.id));
    expect(refused.kind).toBe("CONFLICT");
    expect(refused.message).toContain("break");

    // Ten minutes of lunch, then back.
    await db.agentBreak.update({ where: { id: started.break.id }, data: { startedAt: new Date(Date.now() - 600_000) } });
    const ended = await endBreak(agent.actor);
    expect(ended.break.endedAt).not.toBeNull();
    expect(sim.breaks.has(agent.user.smartfloAgentNumber!)).toBe(false);
    expect((await appError(endBreak(agent.actor))).kind).toBe("CONFLICT");
    const offered = await nextLead(agent.actor, session.id);
    expect(offered.offer).not.toBeNull();

    const today = istDay();
    const d = await dashboard({ actor: manager.actor, query: { from: today, to: today } });
    const row = d.perAgent.find((r) => r.agentId === agent.user.id);
    expect(row?.breakSeconds).toBeGreaterThanOrEqual(600);
    expect(row?.breakSeconds).toBeLessThan(620);
    expect(d.totals.breakSeconds).toBe(row?.breakSeconds);
  });

  it("still starts and ends when Smartflo fails, and says so on the break", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    await importSmartfloBreakCodes(admin.actor);
    const tea = (await listBreakReasons(admin.actor)).items.find((r) => r.name === "Tea break")!;
    const agent = await makeUser({ agentNumber: number() });
    sim.addFault({ kind: "500", path: "/dialer/break/start", times: 1 });
    const started = await startBreak(agent.actor, { reasonId: tea.id });
    expect(started.break.endedAt).toBeNull();
    expect(started.break.smartflo).toContain("Smartflo");
    expect(sim.breaks.size).toBe(0);
    const ended = await endBreak(agent.actor);
    expect(ended.break.endedAt).not.toBeNull();
  });
});
