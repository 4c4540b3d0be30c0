// One meaning of "answered": the SQL rollup (crm_call_parts) and the TypeScript predicate agree on
// every kind of call, and the live board and the dashboard show the same rate for an agent's day.
import { describe, expect, it } from "vitest";
import { makeLead, makeUser } from "../../scripts/test/factories";
import { liveBoard } from "../board/service";
import { dashboard } from "../dashboard/service";
import { db } from "../db";
import type { CallDirection, CallStatus } from "../generated/prisma/enums";
import { istDay } from "../time/india";
import { answeredCallWhere, isAnsweredCall } from "./answered";

const KINDS: { status: CallStatus; direction: CallDirection; answeredAt: boolean; talk: number | null }[] = [];
for (const status of ["INITIATED", "RINGING", "ANSWERED", "COMPLETED", "MISSED", "FAILED"] as const)
  for (const direction of ["OUTBOUND", "INBOUND"] as const)
    for (const answeredAt of [false, true]) for (const talk of [null, 0, 45]) KINDS.push({ status, direction, answeredAt, talk });

describe("answered", () => {
  it("is the same test in SQL and in TypeScript, and the board's rate is the dashboard's", async () => {
    const { user: manager, actor: managerActor } = await makeUser({ role: "MANAGER", agentNumber: null });
    const { user: agent } = await makeUser({ managerId: manager.id });
    const lead = await makeLead({ ownerId: agent.id });
    const now = new Date();
    for (const k of KINDS) {
      const call = await db.call.create({
        data: {
          agentId: agent.id,
          leadId: lead.id,
          direction: k.direction,
          status: k.status,
          answeredAt: k.answeredAt ? now : null,
          talkSeconds: k.talk,
          createdAt: now,
        },
      });
      const [sql] = await db.$queryRaw<{ answered: number }[]>`
        SELECT answered FROM crm_call_parts(${agent.id}, NULL, ${lead.id}, ${k.direction}, ${k.status},
          ${k.answeredAt ? now : null}::timestamp, ${k.talk}::int, NULL::timestamp, ${now}::timestamp)`;
      const viaWhere = await db.call.count({ where: { AND: [{ id: call.id }, answeredCallWhere] } });
      const ts = isAnsweredCall({ status: k.status, answeredAt: k.answeredAt ? now : null, talkSeconds: k.talk });
      expect({ kind: k, sql: sql?.answered === 1, where: viaWhere === 1 }).toEqual({ kind: k, sql: ts, where: ts });
    }

    const board = await liveBoard(managerActor);
    const today = istDay(now);
    const dash = await dashboard({ actor: managerActor, query: { from: today, to: today, agentId: agent.id } });
    const onBoard = board.agents.find((a) => a.id === agent.id)!.today;
    const mine = dash.perAgent.find((a) => a.agentId === agent.id)!;
    const answeredOutbound = KINDS.filter(
      (k) => k.direction === "OUTBOUND" && isAnsweredCall({ ...k, answeredAt: k.answeredAt ? now : null, talkSeconds: k.talk }),
    ).length;
    const made = KINDS.filter((k) => k.direction === "OUTBOUND").length;
    expect(onBoard.answeredRate).toBeCloseTo(answeredOutbound / made, 10);
    expect(mine.answeredRate).toBeCloseTo(onBoard.answeredRate!, 10);
    expect(mine.callsMade).toBe(onBoard.callsMade);
    expect(mine.talkSeconds).toBe(onBoard.talkSeconds);
  });
});
