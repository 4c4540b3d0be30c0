// Phone numbers to E.164 (default region India) and the last-ten-digits key used for matching.
import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js";

export interface NormalizedPhone {
  e164: string;
  last10: string;
}

export function last10Digits(value: string): string {
  return value.replace(/\D/g, "").slice(-10);
}

export function normalizePhone(input: string | null | undefined, region: CountryCode = "IN"): NormalizedPhone | null {
  if (typeof input !== "string") return null;
  const trimmed = input.trim();
  if (!trimmed || trimmed.length > 40) return null;
  const digits = trimmed.replace(/\D/g, "");
  if (digits.length < 6 || digits.length > 15) return null;
  const candidates = trimmed.startsWith("+") ? [`+${digits}`] : [trimmed, `+${digits}`, digits.replace(/^0+/, "")];
  for (const candidate of candidates) {
    const parsed = parsePhoneNumberFromString(candidate, region);
    if (parsed?.isValid()) return { e164: parsed.number, last10: last10Digits(parsed.number) };
  }
  return null;
}

export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** An Indian number as it is printed in an ad or dialled locally ("080 6900 1234", "1800 123 4567"); others as formatPhone. */
export function formatLocalPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === "IN" ? parsed.formatNational() : parsed.formatInternational();
}

/** The country a number belongs to (ISO 3166 code), when libphonenumber can tell. */
export function phoneCountry(e164: string): CountryCode | undefined {
  return parsePhoneNumberFromString(e164)?.country;
}
