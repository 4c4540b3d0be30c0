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

const REGIONS = new Intl.DisplayNames(["en"], { type: "region" });
const countryName = (code: string) => REGIONS.of(code) ?? code;

/** Why a number may not be called, or null when it may ("… is a number in Nepal; calls may go only to India"). */
export function notCallableReason(e164: string): string | null {
  if (isCallable(e164)) return null;
  const country = phoneCountry(e164);
  const where = country ? `a number in ${countryName(country)}` : "not a number of a known country";
  return `${formatPhone(e164)} is ${where}; calls may go only to ${env.CALLABLE_COUNTRIES.map(countryName).join(", ")}`;
}

/** A 422 naming `field` when the number may not be called. */
export function assertCallable(e164: string, field = "phone"): void {
  const reason = notCallableReason(e164);
  if (reason) throw validationError({ [field]: reason });
}
