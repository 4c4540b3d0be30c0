// The preview dialer's one setting: how many seconds the next lead waits before it is dialled by
// itself (0 to 30), or null for "the agent presses Call".
import "server-only";
import type { z } from "zod";
import { audit } from "../audit/log";
import { type Actor, assertRole } from "../auth/actor";
import { db } from "../db";
import type { dialerSettingsSchema } from "./schemas";

const KEY = "dialer.settings";
export type DialerSettings = z.infer<typeof dialerSettingsSchema>;
const DEFAULTS: DialerSettings = { countdownSeconds: null };

export async function getDialerSettings(): Promise<DialerSettings> {
  const row = await db.appSetting.findUnique({ where: { key: KEY } });
  return { ...DEFAULTS, ...((row?.value ?? {}) as Partial<DialerSettings>) };
}

export async function setDialerSettings(actor: Actor, input: DialerSettings): Promise<DialerSettings> {
  assertRole(actor, ["ADMIN"]);
  const before = await getDialerSettings();
  await db.appSetting.upsert({ where: { key: KEY }, create: { key: KEY, value: { ...input } }, update: { value: { ...input } } });
  if (before.countdownSeconds !== input.countdownSeconds)
    await audit({ actor, action: "settings.updated", target: { type: "setting", id: KEY }, before: { ...before }, after: { ...input } });
  return input;
}
