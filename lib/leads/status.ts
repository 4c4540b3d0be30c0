import "server-only";
import type { Prisma } from "../generated/prisma/client";
import type { LeadStatus } from "../generated/prisma/enums";

type Tx = Prisma.TransactionClient;

/**
 * Moves a lead from `from` to `to` only if it is still in `from`, with its STATUS_CHANGE on the
 * timeline: the database function crm_transition_lead_status, the one place a stage changes.
 * Returns false when the lead had already moved on.
 */
export async function transitionLeadStatus(
  tx: Tx,
  args: { leadId: string; from: LeadStatus; to: LeadStatus; actorId: string | null; reason?: string },
): Promise<boolean> {
  const [row] = await tx.$queryRaw<{ moved: boolean }[]>`
    SELECT crm_transition_lead_status(${args.leadId}::text, ${args.from}::text, ${args.to}::text, ${args.actorId}::text,
      ${args.reason ?? null}::text) AS moved`;
  return row!.moved;
}
