// The live board (/live): every agent a supervisor looks after — on a call (with whom, for how
// long), ringing, on a break (why, since when), in wrap-up after a call, available or signed out —
// with today's calls, and the calls in progress. Derived from calls, breaks and sessions in
// PostgreSQL, so every app server shows the same.
import "server-only";
import { type Actor, isSupervisor } from "../auth/actor";
import { answeredRate } from "../calls/answered";
import { ACTIVE_CALL_STATUSES, CALL_IN_PROGRESS_WINDOW_MS } from "../calls/status";
import { foldCallStats } from "../dashboard/rollup";
import { db } from "../db";
import { notFound } from "../errors";
import { formatPhone } from "../phone";
import { istDay } from "../time/india";

/** After a call ends, the agent is in wrap-up until they record its outcome, at most this long. */
const WRAP_UP_MS = 3 * 60_000;

export type AgentState = "ON_CALL" | "RINGING" | "ON_BREAK" | "WRAP_UP" | "AVAILABLE" | "SIGNED_OUT";

export async function liveBoard(actor: Actor) {
  // Agents do not have the board at all (as if it did not exist).
  if (!isSupervisor(actor)) throw notFound("Page");
  const people = await db.user.findMany({
    where: { active: true, ...(actor.role === "MANAGER" ? { managerId: actor.id } : { role: { in: ["AGENT", "MANAGER"] } }) },
    select: { id: true, name: true, role: true, smartfloAgentNumber: true },
    orderBy: { name: "asc" },
  });
  const ids = people.map((p) => p.id);
  const now = new Date();
  await foldCallStats();
  const [sessions, live, recent, today, breaks] = await Promise.all([
    db.session.groupBy({ by: ["userId"], where: { userId: { in: ids }, expiresAt: { gt: now } }, _max: { updatedAt: true } }),
    db.call.findMany({
      where: {
        agentId: { in: ids },
        status: { in: [...ACTIVE_CALL_STATUSES] },
        createdAt: { gt: new Date(now.getTime() - CALL_IN_PROGRESS_WINDOW_MS) },
      },
      orderBy: { createdAt: "asc" },
      include: { lead: { select: { id: true, name: true } } },
    }),
    db.call.findMany({
      where: { agentId: { in: ids }, endedAt: { gt: new Date(now.getTime() - WRAP_UP_MS) }, disposition: null },
      orderBy: { endedAt: "desc" },
      select: { agentId: true, endedAt: true },
    }),
    // Today's figures from the same rollup as the dashboard: one meaning of "answered" and of the rate.
    db.agentDayStat.findMany({
      where: { agentId: { in: ids }, day: new Date(`${istDay(now)}T00:00:00Z`) },
      select: { agentId: true, calls: true, callsMade: true, answered: true, answeredOut: true, talkSeconds: true },
    }),
    db.agentBreak.findMany({ where: { userId: { in: ids }, endedAt: null }, select: { userId: true, reason: true, startedAt: true } }),
  ]);
  const calls = live.map((c) => ({
    id: c.id,
    agentId: c.agentId,
    lead: c.lead,
    direction: c.direction,
    status: c.status,
    customerDisplay: c.customerNumber ? formatPhone(c.customerNumber) : null,
    startedAt: (c.startedAt ?? c.createdAt).toISOString(),
    answeredAt: c.answeredAt?.toISOString() ?? null,
  }));
  const agents = people.map((p) => {
    const call = calls.findLast((c) => c.agentId === p.id) ?? null;
    const wrap = recent.find((r) => r.agentId === p.id);
    const signedIn = sessions.some((s) => s.userId === p.id);
    const onBreak = breaks.find((b) => b.userId === p.id);
    // A call beats a break (an inbound call can still reach an agent on a break).
    const state: AgentState = call
      ? call.status === "ANSWERED"
        ? "ON_CALL"
        : "RINGING"
      : onBreak
        ? "ON_BREAK"
        : wrap
          ? "WRAP_UP"
          : signedIn
            ? "AVAILABLE"
            : "SIGNED_OUT";
    const stats = today.find((t) => t.agentId === p.id);
    return {
      id: p.id,
      name: p.name,
      role: p.role,
      canTakeTransfers: !!p.smartfloAgentNumber,
      state,
      /** Since when the agent is in this state (calls, breaks and wrap-up). */
      since: call
        ? (call.answeredAt ?? call.startedAt)
        : onBreak
          ? onBreak.startedAt.toISOString()
          : wrap?.endedAt
            ? wrap.endedAt.toISOString()
            : null,
      breakReason: onBreak?.reason ?? null,
      callId: call?.id ?? null,
      today: {
        calls: stats?.calls ?? 0,
        callsMade: stats?.callsMade ?? 0,
        answered: stats?.answered ?? 0,
        answeredRate: answeredRate(stats?.callsMade ?? 0, stats?.answeredOut ?? 0),
        talkSeconds: Number(stats?.talkSeconds ?? 0),
      },
    };
  });
  return { agents, calls, at: now.toISOString() };
}
export type LiveBoard = Awaited<ReturnType<typeof liveBoard>>;
