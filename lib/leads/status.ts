import type { Prisma } from "../generated/prisma/client";
import type { LeadStatus } from "../generated/prisma/enums";

type Tx = Prisma.TransactionClient;

/**
 * Moves a lead from `from` to `to` only if it is still in `from` (a guarded update, so a
 * concurrent change is never overwritten), and records the STATUS_CHANGE activity.
 * Returns false when the lead had already moved on.
 */
export async function transitionLeadStatus(
  tx: Tx,
  args: {
    leadId: string;
    from: LeadStatus;
    to: LeadStatus;
    actorId: string | null;
    reason?: string;
    extra?: Prisma.LeadUpdateManyMutationInput;
  },
): Promise<boolean> {
  if (args.from === args.to) return false;
  const { count } = await tx.lead.updateMany({ where: { id: args.leadId, status: args.from }, data: { status: args.to, ...args.extra } });
  if (count === 0) return false;
  await tx.activity.create({
    data: {
      leadId: args.leadId,
      type: "STATUS_CHANGE",
      actorId: args.actorId,
      payload: { from: args.from, to: args.to, ...(args.reason ? { reason: args.reason } : {}) },
    },
  });
  return true;
}
