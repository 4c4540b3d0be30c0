// The compliance settings (one app_setting row): calling hours per weekday and holidays, the
// consent rule for promotional calls, the recording notice and retention. GET returns them with
// the defaults filled in; PUT merges a partial object (callingHours per weekday).
import "server-only";
import type { z } from "zod";
import { audit, changedFields } from "../audit/log";
import { type Actor, assertRole } from "../auth/actor";
import { db } from "../db";
import { DEFAULT_CALLING_HOURS } from "./hours";
import type { ComplianceSettings, complianceSettingsPatchSchema } from "./schemas";

const KEY = "compliance";
export const DEFAULT_RECORDING_NOTICE = "This call may be recorded for quality and training purposes.";
const DEFAULTS: ComplianceSettings = {
  callingHours: DEFAULT_CALLING_HOURS,
  holidays: [],
  consentRequiredForPromotional: false,
  recordingNotice: DEFAULT_RECORDING_NOTICE,
  recordingRetentionDays: null,
};

/** The settings, read through the caller's transaction when it has one (PGlite has a single connection). */
export async function getComplianceSettings(client: Pick<typeof db, "appSetting"> = db): Promise<ComplianceSettings> {
  const row = await client.appSetting.findUnique({ where: { key: KEY } });
  return complianceSettingsFrom(row?.value);
}

/** The settings from the stored row's value (null: none stored), with the defaults filled in. */
export function complianceSettingsFrom(value: unknown): ComplianceSettings {
  const stored = (value ?? {}) as Partial<ComplianceSettings>;
  return { ...DEFAULTS, ...stored, callingHours: { ...DEFAULTS.callingHours, ...stored.callingHours } };
}

/** The app_setting key the compliance settings are stored under (for reads joined into other queries). */
export const COMPLIANCE_SETTINGS_KEY = KEY;

export async function updateComplianceSettings(actor: Actor, patch: z.infer<typeof complianceSettingsPatchSchema>) {
  assertRole(actor, ["ADMIN"]);
  const before = await getComplianceSettings();
  const next: ComplianceSettings = {
    ...before,
    ...patch,
    callingHours: { ...before.callingHours, ...patch.callingHours },
    holidays: patch.holidays ? [...new Set(patch.holidays)].sort() : before.holidays,
  };
  await db.appSetting.upsert({ where: { key: KEY }, create: { key: KEY, value: next }, update: { value: next } });
  const change = changedFields(before as unknown as Record<string, unknown>, next as unknown as Record<string, unknown>);
  if (change.changed)
    await audit({ actor, action: "settings.updated", target: { type: "setting", id: KEY }, before: change.before, after: change.after });
  return next;
}
