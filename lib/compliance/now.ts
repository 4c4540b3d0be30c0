// Whether calls are allowed right now, for the Call buttons on lists (Tasks, the new leads queue,
// missed calls to return): they say so before anyone taps. Each call is still checked by the server
// (lib/compliance/guard.ts), which also honours a one-call permission an admin gave for a lead.
import "server-only";
import { callingWindow, formatIst } from "./hours";
import { getComplianceSettings } from "./settings";

export interface CallingHoursNow {
  open: boolean;
  /** While open: when today's hours end (ISO). */
  closesAt: string | null;
  /** While closed: when calls are next allowed (ISO), and the same in words ("Sat, 5 Dec, 09:00 IST"). */
  nextAllowedAt: string | null;
  opensAt: string | null;
}

export async function callingHoursNow(now = new Date()): Promise<CallingHoursNow> {
  const settings = await getComplianceSettings();
  const window = callingWindow(settings.callingHours, settings.holidays, now);
  return {
    open: window.open,
    closesAt: window.closesAt?.toISOString() ?? null,
    nextAllowedAt: window.nextAllowedAt?.toISOString() ?? null,
    opensAt: window.nextAllowedAt ? formatIst(window.nextAllowedAt) : null,
  };
}
