// The signed-in user's call in progress, wherever they are in the app: the call bar outside its
// lead's page (components/calls/active-call-bar.tsx). "In progress" is what click-to-call refuses a
// second call for (prisma/functions/crm_start_call.sql): one of the active statuses, started within
// CALL_IN_PROGRESS_WINDOW_MS (older ones are calls whose end Smartflo never reported).
import "server-only";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { type CallListItem, callListInclude, toCallListItem } from "./list";
import { ACTIVE_CALL_STATUSES, CALL_IN_PROGRESS_WINDOW_MS } from "./status";

export async function activeCallOf(actor: Actor, now = new Date()): Promise<CallListItem | null> {
  const call = await db.call.findFirst({
    where: {
      agentId: actor.id,
      status: { in: [...ACTIVE_CALL_STATUSES] },
      createdAt: { gt: new Date(now.getTime() - CALL_IN_PROGRESS_WINDOW_MS) },
    },
    orderBy: { createdAt: "desc" },
    include: callListInclude,
  });
  return call ? toCallListItem(call) : null;
}
