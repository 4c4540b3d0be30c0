// Recording retention: past the admin's `recordingRetentionDays`, a call's recording address is
// deleted (the hourly retention job) and marked, so the timeline says "recording deleted after N
// days" and the recording route refuses it. Smartflo's own copy follows the account's settings there.
import "server-only";
import { audit } from "../audit/log";
import { db } from "../db";
import { getComplianceSettings } from "./settings";

export async function purgeOldRecordings({ now = new Date() } = {}): Promise<number> {
  const { recordingRetentionDays: days } = await getComplianceSettings();
  if (!days) return 0;
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const n = await db.$executeRaw`
    UPDATE call SET "recordingUrl" = NULL, "recordingDeletedAt" = ${now}, "recordingKeptDays" = ${days}, "updatedAt" = ${now}
    WHERE "recordingUrl" IS NOT NULL AND coalesce("endedAt", "createdAt") < ${cutoff}`;
  if (n)
    await audit({
      actor: null,
      action: "recordings.deleted",
      target: { type: "setting", id: "recordingRetentionDays" },
      after: { count: n, days },
    });
  return n;
}
