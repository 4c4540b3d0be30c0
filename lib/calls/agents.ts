import "server-only";
import type { Prisma } from "../generated/prisma/client";

type Tx = Prisma.TransactionClient;

/**
 * The CRM user behind a Smartflo agent number or extension, if any: exact, digits only, or the last
 * ten digits (the database function crm_agent_by_number, shared with the webhook's hot path).
 */
export async function findAgentByNumber(tx: Tx, number: string | null): Promise<{ id: string; name: string } | null> {
  if (!number?.trim()) return null;
  const rows = await tx.$queryRaw<
    { id: string; name: string }[]
  >`SELECT u.id, u.name FROM "user" u WHERE u.id = crm_agent_by_number(${number})`;
  return rows[0] ?? null;
}
