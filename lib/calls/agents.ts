import type { Prisma } from "../generated/prisma/client";

type Tx = Prisma.TransactionClient;

/** The CRM user behind a Smartflo agent number or extension, if any. */
export async function findAgentByNumber(tx: Tx, number: string | null) {
  if (!number) return null;
  const raw = number.trim();
  const digits = raw.replace(/\D/g, "");
  const or: Prisma.UserWhereInput[] = [{ smartfloAgentNumber: raw }];
  if (digits && digits !== raw) or.push({ smartfloAgentNumber: digits });
  if (digits.length >= 10) or.push({ smartfloAgentNumber: { endsWith: digits.slice(-10) } });
  return tx.user.findFirst({ where: { OR: or }, select: { id: true, name: true }, orderBy: { active: "desc" } });
}
