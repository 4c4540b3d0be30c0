// The small zod pieces every domain's schemas are built from (lib/<domain>/schemas.ts), so a
// limit, a cursor or an id is checked and worded the same everywhere. Pure: the browser uses it too.
import { z } from "zod";

/** A record id in a path, a body or a query. */
export const idSchema = z.string({ error: "is required" }).trim().min(1, "is required").max(100, "is too long");
export const cursorSchema = z.string().max(500, "is not a valid cursor").optional();
export const dateTimeSchema = z.coerce.date({ error: "must be a date and time" });
export const booleanSchema = z.boolean({ error: "must be true or false" });
/** A YYYY-MM-DD calendar day (India time, where it matters). */
export const daySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date (YYYY-MM-DD)");

/**
 * Characters a name never needs: control characters (ESC, BEL, …), bidirectional overrides and
 * isolates (text that reads backwards on screen), zero-width characters and the BOM.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;

/**
 * A person's name (a lead's, a user's): the invisible characters above removed, spaces collapsed,
 * at least one visible character, at most `max` characters. One schema wherever a name is written.
 */
export function personNameSchema(max: number) {
  return z
    .string({ error: "is required" })
    .transform((v) => v.replace(INVISIBLE, "").replace(/\s+/g, " ").trim())
    .pipe(
      z
        .string()
        .min(1, "is required")
        .max(max, `must be at most ${max} characters`)
        .refine((v) => /[\p{L}\p{N}]/u.test(v), "must contain a letter or a digit"),
    );
}

/** A page size from a query string. */
export function limitSchema(max: number, fallback: number) {
  return z.coerce
    .number({ error: "must be a number" })
    .int("must be an integer")
    .min(1, "must be at least 1")
    .max(max, `must be at most ${max}`)
    .default(fallback);
}

/** One of an enum's values (Prisma's generated enums are objects of their values), worded alike. */
export function oneOf<const T extends Readonly<Record<string, string>>>(values: T) {
  return z.enum(values, { error: `must be one of ${Object.values(values).join(", ")}` });
}

/** A PATCH body must change something: `.refine(hasKeys, notEmpty)`. */
export const notEmpty = { message: "nothing to update", path: ["body"] };
export const hasKeys = (v: object) => Object.keys(v).length > 0;
