// Stepping into a live call through Smartflo's /call/options: monitor (listen), whisper (coach the
// agent), barge (join) — managers for their team's calls, admins for all — and transfer, which the
// call's own agent may do too, to an active colleague. Each lands on the timeline and in the audit log.
import "server-only";
import type { z } from "zod";
import { audit } from "../audit/log";
import type { Actor } from "../auth/actor";
import { callScope } from "../auth/policy";
import { db } from "../db";
import { AppError, notFound, validationError } from "../errors";
import { smartflo } from "../smartflo";
import { callInclude, toCallDto } from "./dto";
import { requireProviderCallId } from "./provider-call-id";
import type { callOptionSchema } from "./schemas";
import { isActiveCallStatus } from "./status";

type Input = z.infer<typeof callOptionSchema>;
const TYPE = { monitor: 1, whisper: 2, barge: 3, transfer: 4 } as const;

/** Who may do what: supervisors step into their team's calls (admins any); a transfer also by the call's agent. */
function mayAct(actor: Actor, action: Input["action"], call: { agentId: string | null; agentManagerId: string | null }) {
  if (actor.role === "ADMIN") return true;
  const ownTeam = actor.role === "MANAGER" && call.agentManagerId === actor.id;
  if (action === "transfer") return ownTeam || call.agentId === actor.id;
  return ownTeam;
}

export async function callOption(actor: Actor, id: string, input: Input) {
  const call = await db.call.findFirst({
    where: { AND: [{ OR: [{ id }, { providerCallId: id }] }, callScope(actor)] },
    include: { agent: { select: { id: true, name: true, managerId: true, smartfloAgentNumber: true } } },
  });
  if (!call) throw notFound("Call");
  if (!mayAct(actor, input.action, { agentId: call.agentId, agentManagerId: call.agent?.managerId ?? null }))
    throw new AppError(
      "FORBIDDEN",
      input.action === "transfer" ? "Only the call's agent or their supervisor can transfer it" : "Only the agent's supervisor can do this",
    );
  if (!isActiveCallStatus(call.status)) throw new AppError("CONFLICT", "This call has already ended");
  if (input.action === "transfer" && call.status !== "ANSWERED") throw new AppError("CONFLICT", "Only a connected call can be transferred");

  const me = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { smartfloAgentNumber: true } });
  let target: { id: string; name: string; smartfloAgentNumber: string | null } | null = null;
  if (input.action === "transfer") {
    target = await db.user.findFirst({
      where: { id: input.toUserId!, active: true },
      select: { id: true, name: true, smartfloAgentNumber: true },
    });
    if (!target) throw validationError({ toUserId: "is not an active user" });
    if (target.id === call.agentId) throw validationError({ toUserId: "already has this call" });
    if (!target.smartfloAgentNumber) throw validationError({ toUserId: "has no Smartflo number to take the call" });
    if (await db.agentBreak.count({ where: { userId: target.id, endedAt: null } })) throw validationError({ toUserId: "is on a break" });
  }
  // Smartflo wants the acting user's agent; a transfer by an admin without one goes as the call's agent.
  const agentId = me.smartfloAgentNumber ?? (input.action === "transfer" ? call.agent?.smartfloAgentNumber : null);
  if (!agentId) throw validationError({ action: "needs a Smartflo number on your profile (the leg Smartflo rings for you)" });

  const providerCallId = await requireProviderCallId(call);
  await smartflo().callOptions({
    type: TYPE[input.action],
    agentId,
    callId: providerCallId,
    ...(target ? { intercom: target.smartfloAgentNumber! } : {}),
  });

  const from = call.agent ? { id: call.agent.id, name: call.agent.name } : null;
  await db.$transaction(async (tx) => {
    // The first transfer marks where the talk time splits between the two agents (the dashboard's rollup).
    if (target)
      await tx.call.update({
        where: { id: call.id },
        data: { agentId: target.id, ...(call.transferredFromId ? {} : { transferredFromId: call.agentId, transferredAt: new Date() }) },
      });
    if (call.leadId)
      await tx.activity.create({
        data: {
          leadId: call.leadId,
          type: "CALL_ACTION",
          actorId: actor.id,
          payload: {
            action: input.action,
            callId: call.id,
            by: { id: actor.id, name: actor.name },
            agent: from,
            ...(target ? { to: { id: target.id, name: target.name } } : {}),
          },
        },
      });
    await audit(
      {
        actor,
        action: "call.supervised",
        target: { type: "call", id: call.id },
        after: { action: input.action, agentId: call.agentId, ...(target ? { toUserId: target.id } : {}) },
      },
      tx,
    );
  });
  return toCallDto(await db.call.findUniqueOrThrow({ where: { id: call.id }, include: callInclude }));
}
