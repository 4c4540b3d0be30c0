// Pushing our do-not-call list to Smartflo's account DND list and blocked numbers, so Smartflo's
// own dialer and campaigns refuse them too. A dry run first says how many would go; a push sends
// up to PUSH_BATCH numbers per request (Smartflo allows about 3 requests a second), oldest first.
import "server-only";
import { audit } from "../audit/log";
import { type Actor, assertRole } from "../auth/actor";
import { db } from "../db";
import { AppError } from "../errors";
import { last10Digits } from "../phone";
import { smartflo, smartfloConfigured } from "../smartflo";
import { smartfloDnd } from "../smartflo/dnd";
import { SmartfloError } from "../smartflo/errors";

export const PUSH_BATCH = 100;

export async function pushDncToSmartflo(actor: Actor, { dryRun }: { dryRun: boolean }) {
  assertRole(actor, ["ADMIN"]);
  if (!smartfloConfigured()) throw new AppError("CONFLICT", "Smartflo is not configured: there is no account to push to");
  try {
    const there = new Set(await smartfloDnd.list(smartflo()));
    const ours = await db.dncEntry.findMany({
      where: { phone: { not: null } },
      orderBy: { createdAt: "asc" },
      select: { id: true, phone: true },
    });
    const missing = ours.filter((e) => e.phone!.startsWith("+91") && !there.has(last10Digits(e.phone!)));
    const summary = { listed: ours.length, alreadyAtSmartflo: ours.length - missing.length, toPush: missing.length };
    if (dryRun) return { dryRun: true, ...summary, pushed: 0, left: missing.length };
    const batch = missing.slice(0, PUSH_BATCH);
    for (const e of batch) {
      await smartfloDnd.add(smartflo(), last10Digits(e.phone!));
      await db.dncEntry.update({ where: { id: e.id }, data: { pushedAt: new Date() } });
    }
    await audit({
      actor,
      action: "dnc.pushed",
      target: { type: "dnc", id: "smartflo" },
      after: { pushed: batch.length, left: missing.length - batch.length },
    });
    return { dryRun: false, ...summary, pushed: batch.length, left: missing.length - batch.length };
  } catch (error) {
    if (error instanceof SmartfloError && error.code === "NOT_FOUND")
      throw new AppError("UPSTREAM", "This Smartflo account has no DND list API");
    throw error; // other Smartflo failures: a 502 with its words (toErrorResponse)
  }
}
