// Call outcomes ("dispositions"): the list admins keep, and the outcome an agent records when a
// call ends. An outcome can offer a lead status (applied only when the agent confirms it) and can
// ask for a call-back time (which becomes a follow-up task).
import "server-only";
import type { z } from "zod";
import { audit, changedFields } from "../audit/log";
import type { Actor } from "../auth/actor";
import { assertRole } from "../auth/actor";
import { leadScope } from "../auth/policy";
import { findVisibleCall } from "../calls/read-call";
import { isActiveCallStatus } from "../calls/status";
import { markDoNotCall } from "../compliance/dnc";
import { db } from "../db";
import { AppError, isUniqueViolation, notFound, validationError } from "../errors";
import type { Disposition } from "../generated/prisma/client";
import { transitionLeadStatus } from "../leads/status";
import type { createDispositionSchema, recordDispositionSchema, updateDispositionSchema } from "./schemas";

/** A unique violation on the label, as the 409 the form shows; anything else as it is. */
function labelTaken(error: unknown) {
  if (!isUniqueViolation(error)) return error;
  return new AppError("CONFLICT", "An outcome with this label exists", { fields: { label: "is already used" } });
}

export function toDispositionDto(d: Disposition) {
  return {
    id: d.id,
    label: d.label,
    leadStatus: d.leadStatus,
    asksForTime: d.asksForTime,
    marksDoNotCall: d.marksDoNotCall,
    position: d.position,
    active: d.active,
  };
}

export async function listDispositions({ actor, all = false }: { actor: Actor; all?: boolean }) {
  if (all) assertRole(actor, ["ADMIN"]);
  const rows = await db.disposition.findMany({ where: all ? {} : { active: true }, orderBy: [{ position: "asc" }, { label: "asc" }] });
  return { items: rows.map(toDispositionDto) };
}

export async function createDisposition({ actor, input }: { actor: Actor; input: z.infer<typeof createDispositionSchema> }) {
  assertRole(actor, ["ADMIN"]);
  try {
    const position = input.position ?? ((await db.disposition.aggregate({ _max: { position: true } }))._max.position ?? 0) + 10;
    const created = toDispositionDto(
      await db.disposition.create({
        data: {
          label: input.label,
          leadStatus: input.leadStatus ?? null,
          asksForTime: input.asksForTime ?? false,
          marksDoNotCall: input.marksDoNotCall ?? false,
          position,
        },
      }),
    );
    await audit({ actor, action: "disposition.created", target: { type: "disposition", id: created.id }, after: created });
    return created;
  } catch (error) {
    throw labelTaken(error);
  }
}

type UpdateDispositionInput = { actor: Actor; id: string; patch: z.infer<typeof updateDispositionSchema> };

export async function updateDisposition({ actor, id, patch }: UpdateDispositionInput) {
  assertRole(actor, ["ADMIN"]);
  const existing = await db.disposition.findUnique({ where: { id } });
  if (!existing) throw notFound("Outcome");
  try {
    const updated = toDispositionDto(await db.disposition.update({ where: { id }, data: patch }));
    const change = changedFields(toDispositionDto(existing), patch);
    const target = { type: "disposition", id } as const;
    if (change.changed) await audit({ actor, action: "disposition.updated", target, before: change.before, after: change.after });
    return updated;
  } catch (error) {
    throw labelTaken(error);
  }
}

type RecordDispositionInput = { actor: Actor; callId: string; input: z.infer<typeof recordDispositionSchema> };

/** The agent's outcome for a call that has ended. Recording it again replaces it (audited as a change). */
export async function recordDisposition({ actor, callId, input }: RecordDispositionInput) {
  const call = await findVisibleCall(actor, callId);
  // The call's lead must be the actor's too: a former owner cannot close a reassigned lead.
  if (call.leadId && !(await db.lead.findFirst({ where: { AND: [{ id: call.leadId }, leadScope(actor)] }, select: { id: true } })))
    throw notFound("Call");
  if (isActiveCallStatus(call.status)) throw new AppError("CONFLICT", "The call is still in progress: record its outcome when it ends");
  const disposition = await db.disposition.findFirst({ where: { id: input.dispositionId, active: true } });
  if (!disposition) throw validationError({ dispositionId: "is not an outcome on the list" });
  if (disposition.asksForTime && !input.callbackAt) throw validationError({ callbackAt: `is required for "${disposition.label}"` });
  if (input.callbackAt && input.callbackAt.getTime() < Date.now() - 60_000) throw validationError({ callbackAt: "must be in the future" });
  const leadId = call.leadId;
  const result = await db.$transaction(async (tx) => {
    const previous = await tx.call.findUniqueOrThrow({ where: { id: call.id }, select: { disposition: true, notes: true } });
    const updated = await tx.call.update({
      where: { id: call.id },
      data: { disposition: disposition.label, dispositionId: disposition.id, dispositionAt: new Date(), notes: input.note || null },
    });
    let statusChanged = false;
    let taskId: string | null = null;
    if (leadId) {
      const lead = await tx.lead.findUniqueOrThrow({
        where: { id: leadId },
        select: { id: true, name: true, status: true, ownerId: true },
      });
      if (input.applyLeadStatus && disposition.leadStatus && disposition.leadStatus !== lead.status) {
        statusChanged = await transitionLeadStatus(tx, {
          leadId,
          from: lead.status,
          to: disposition.leadStatus,
          actorId: actor.id,
          reason: `Call outcome: ${disposition.label}`,
        });
      }
      if (disposition.asksForTime && input.callbackAt) {
        const task = await tx.task.create({
          data: {
            leadId,
            kind: "FOLLOW_UP",
            title: `Call back ${lead.name}`,
            dueAt: input.callbackAt,
            assigneeId: lead.ownerId ?? actor.id,
            createdById: actor.id,
          },
        });
        taskId = task.id;
      }
      // "Asked not to be called": every number of the lead (and the one called) at once — an opt-out when they called us.
      if (disposition.marksDoNotCall) {
        const numbers = await tx.leadPhone.findMany({ where: { leadId }, select: { number: true } });
        await markDoNotCall(tx, {
          phones: [...numbers.map((n) => n.number), ...(call.customerNumber ? [call.customerNumber] : [])],
          reason: `Asked not to be called (${call.direction === "INBOUND" ? "inbound" : "outbound"} call)`,
          source: call.direction === "INBOUND" ? "INBOUND_OPT_OUT" : "OUTCOME",
          actor,
          leadId,
          callId: call.id,
        });
      }
      // The call's timeline entry reads the outcome from the call; touch it so timelines refresh.
      await tx.activity.updateMany({ where: { callId: call.id }, data: { updatedAt: new Date() } });
    }
    // A first outcome is the call's record; changing one afterwards is audited (who, from what, to what).
    const now = { disposition: updated.disposition, notes: updated.notes };
    if (previous.disposition !== null && (previous.disposition !== now.disposition || previous.notes !== now.notes)) {
      const target = { type: "call", id: call.id } as const;
      await audit({ actor, action: "call.outcome_changed", target, before: previous, after: { ...now, leadId } }, tx);
    }
    return { disposition: updated.disposition, note: updated.notes, statusChanged, taskId };
  });
  return { callId: call.id, ...result };
}
