// Toll fraud stops at the border: numbers outside CALLABLE_COUNTRIES are refused when a lead gets
// them (create, edit, import) and again at click-to-call.
import "server-only";
import { env } from "../env";
import { validationError } from "../errors";
import { formatPhone, phoneCountry } from "../phone";

export function isCallable(e164: string): boolean {
  const country = phoneCountry(e164);
  return country !== undefined && env.CALLABLE_COUNTRIES.includes(country);
}

/** Why a number may not be called, or null when it may. */
export function notCallableReason(e164: string): string | null {
  if (isCallable(e164)) return null;
  const country = phoneCountry(e164);
  const where = country ? `a ${country} number` : "not in a known country";
  return `${formatPhone(e164)} is ${where}; calls may go only to ${env.CALLABLE_COUNTRIES.join(", ")} (CALLABLE_COUNTRIES)`;
}

/** A 422 naming `field` when the number may not be called. */
export function assertCallable(e164: string, field = "phone"): void {
  const reason = notCallableReason(e164);
  if (reason) throw validationError({ [field]: reason });
}
