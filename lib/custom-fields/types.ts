// Custom lead fields: one runtime-built zod schema that checks values on every path (the lead API
// and screens, lead sources, CSV import). Pure: shared by the server and the browser.
import { z } from "zod";
import { fieldErrorsOf } from "../validation-errors";
import type { CustomFieldDef, FieldValue, FieldValues } from "./values";

// What needs no zod lives in ./values.ts (the browser reads it without shipping zod); re-exported here.
export * from "./values";

/** One value's schema; null clears the value (and is refused where the field is required). */
function valueSchema(def: CustomFieldDef): z.ZodType<FieldValue> {
  switch (def.type) {
    case "TEXT":
      return z.string().trim().min(1, "is empty").max(500, "must be at most 500 characters");
    case "LONG_TEXT":
      return z.string().trim().min(1, "is empty").max(5000, "must be at most 5,000 characters");
    case "NUMBER":
      return z
        .union([
          z.number(),
          z
            .string()
            .trim()
            .regex(/^-?\d+(\.\d+)?$/, "must be a number")
            .transform(Number),
        ])
        .pipe(z.number({ error: "must be a number" }).finite("must be a number"));
    case "DATE":
      return z.iso.date({ error: "must be a date (YYYY-MM-DD)" });
    case "SELECT":
      return z.enum(def.options as [string, ...string[]], { error: `must be one of ${def.options.join(", ")}` });
    case "MULTI_SELECT":
      return z
        .array(z.enum(def.options as [string, ...string[]], { error: `must be among ${def.options.join(", ")}` }), {
          error: "must be a list of choices",
        })
        .transform((list) => [...new Set(list)]);
    case "CHECKBOX":
      return z.union([z.boolean(), z.enum(["true", "false", "yes", "no"]).transform((v) => v === "true" || v === "yes")], {
        error: "must be true or false",
      });
    case "PHONE":
      return z
        .string()
        .trim()
        .regex(/^\+?[0-9][0-9 ()-]{5,19}$/, "must be a phone number");
    case "EMAIL":
      return z
        .string()
        .trim()
        .toLowerCase()
        .pipe(z.email({ error: "must be an email address" }));
    case "URL":
      return z
        .string()
        .trim()
        .max(2000)
        .pipe(z.url({ protocol: /^https?$/, error: "must be a web address (https://…)" }));
  }
}

export type ValuesMode =
  /** A new lead by a person (screens, the API): required fields must be there. */
  | "create"
  /** A change: only what is sent; null clears, except a required field. */
  | "update"
  /** Leads that arrive by themselves (lead sources, CSV): kinds checked, required not (a lead is never lost for it). */
  | "intake";

/**
 * The schema of a lead's `fields` for these definitions: active fields only (an archived one takes
 * no new value), unknown keys refused by name.
 */
export function fieldValuesSchema(defs: CustomFieldDef[], mode: ValuesMode) {
  const active = defs.filter((d) => !d.archivedAt);
  const shape: Record<string, z.ZodType> = {};
  for (const def of active) {
    const value = valueSchema(def);
    shape[def.key] =
      def.required && mode === "create"
        ? z.custom((v) => v !== undefined && v !== null, "is required").pipe(value)
        : def.required && mode === "update"
          ? value
              .nullable()
              .optional()
              .refine((v) => v !== null, "is required")
          : value.nullable().optional();
  }
  // An archived field takes no new value (null, clearing it, is fine); any other key is named.
  for (const def of defs.filter((d) => d.archivedAt))
    shape[def.key] = z.custom((v) => v === null, "is archived: it takes no new values").optional();
  return z
    .object(shape, { error: "must be an object of custom field values" })
    .catchall(z.custom(() => false, "is not a custom field")) as unknown as z.ZodType<Record<string, FieldValue | null | undefined>>;
}

/**
 * `fields` read with a schema from fieldValuesSchema: the values merged over `current` (null clears
 * one), or the errors named as the API names them (`fields.<key>`).
 */
export function parseFieldValues(
  schema: ReturnType<typeof fieldValuesSchema>,
  input: unknown,
  current: FieldValues = {},
): { values: FieldValues; errors: null } | { values: null; errors: Record<string, string> } {
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) {
    const errors = fieldErrorsOf(parsed.error.issues);
    return {
      values: null,
      errors: Object.fromEntries(Object.entries(errors).map(([k, v]) => [k === "body" ? "fields" : `fields.${k}`, v])),
    };
  }
  const values: FieldValues = { ...current };
  for (const [key, value] of Object.entries(parsed.data)) {
    if (value === null) delete values[key];
    else if (value !== undefined) values[key] = value;
  }
  return { values, errors: null };
}
