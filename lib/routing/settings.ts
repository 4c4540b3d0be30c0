// Speed-to-lead settings (one app_setting row): the first-response target per source, the
// reminder's share, capacity, when an agent counts as away, and the dialer's order. GET fills in
// the defaults; PATCH merges.
import "server-only";
import type { z } from "zod";
import { audit, changedFields } from "../audit/log";
import { type Actor, assertRole } from "../auth/actor";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { SpeedSettings, speedSettingsPatchSchema } from "./schemas";

const KEY = "speedToLead";
export const DEFAULT_SPEED_SETTINGS: SpeedSettings = {
  defaultTargetMinutes: 5,
  targets: {},
  remindAtShare: 0.6,
  capacity: null,
  awayAfterMinutes: 30,
  dialerNewLeadsFirst: true,
};

export async function speedSettings(tx: Prisma.TransactionClient | typeof db = db): Promise<SpeedSettings> {
  const row = await tx.appSetting.findUnique({ where: { key: KEY } });
  return { ...DEFAULT_SPEED_SETTINGS, ...((row?.value ?? {}) as Partial<SpeedSettings>) };
}

/** The settings page: admins change them, managers read them (agents: 404). */
export async function readSpeedSettings(actor: Actor): Promise<SpeedSettings> {
  assertRole(actor, ["ADMIN", "MANAGER"]);
  return speedSettings();
}

/** The target in minutes for a lead of this source. */
export const targetMinutes = (settings: SpeedSettings, source: string | null) =>
  (source ? settings.targets[source] : undefined) ?? settings.defaultTargetMinutes;

export async function updateSpeedSettings(actor: Actor, patch: z.infer<typeof speedSettingsPatchSchema>) {
  assertRole(actor, ["ADMIN"]);
  const before = await speedSettings();
  const next: SpeedSettings = { ...before, ...patch };
  await db.appSetting.upsert({ where: { key: KEY }, create: { key: KEY, value: next }, update: { value: next } });
  const change = changedFields(before as unknown as Record<string, unknown>, next as unknown as Record<string, unknown>);
  if (change.changed)
    await audit({ actor, action: "settings.updated", target: { type: "setting", id: KEY }, before: change.before, after: change.after });
  return next;
}
