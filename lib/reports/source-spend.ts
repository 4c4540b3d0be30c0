// What was spent on a lead source in a month (admins): the lead-source report's cost per lead and
// per won lead. Stored in paise; 0 removes the month's entry. Audited when the amount changes.
import "server-only";
import { audit } from "../audit/log";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { AppError } from "../errors";
import type { SourceSpendInput } from "./schemas";

export async function setSourceSpend({ actor, input }: { actor: Actor; input: SourceSpendInput }) {
  if (actor.role !== "ADMIN") throw new AppError("FORBIDDEN", "Only admins can enter spend");
  const { source, month } = input;
  const paise = BigInt(Math.round(input.amountRupees * 100));
  return db.$transaction(async (tx) => {
    const key = { source_month: { source, month } };
    const before = await tx.sourceSpend.findUnique({ where: key });
    if (paise === 0n) await tx.sourceSpend.deleteMany({ where: { source, month } });
    else await tx.sourceSpend.upsert({ where: key, create: { source, month, amountPaise: paise }, update: { amountPaise: paise } });
    const was = before?.amountPaise ?? 0n;
    if (was !== paise)
      await audit(
        {
          actor,
          action: "source_spend.updated",
          target: { type: "source_spend", id: `${source} ${month}` },
          before: { source, month, amountRupees: Number(was) / 100 },
          after: { source, month, amountRupees: Number(paise) / 100 },
        },
        tx,
      );
    return { source, month, amountRupees: Number(paise) / 100 };
  });
}
