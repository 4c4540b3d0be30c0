// Custom lead fields without their validation: the kinds, their labels, the definition and value
// types, and how a value reads and writes as text. No zod here, so screens that only show values
// do not ship it (./types.ts adds the schemas and re-exports all of this).
export const CUSTOM_FIELD_TYPES = [
  "TEXT",
  "LONG_TEXT",
  "NUMBER",
  "DATE",
  "SELECT",
  "MULTI_SELECT",
  "CHECKBOX",
  "PHONE",
  "EMAIL",
  "URL",
] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export const CUSTOM_FIELD_TYPE_LABELS: Record<CustomFieldType, string> = {
  TEXT: "Text",
  LONG_TEXT: "Long text",
  NUMBER: "Number",
  DATE: "Date",
  SELECT: "One choice",
  MULTI_SELECT: "Several choices",
  CHECKBOX: "Yes / no",
  PHONE: "Phone number",
  EMAIL: "Email",
  URL: "Web address",
};

export const KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
export const MAX_CUSTOM_FIELDS = 50;

export interface CustomFieldDef {
  id: string;
  key: string;
  label: string;
  type: CustomFieldType;
  required: boolean;
  options: string[];
  position: number;
  archivedAt: string | Date | null;
}

export type FieldValue = string | number | boolean | string[];
export type FieldValues = Record<string, FieldValue>;

const hasChoices = (t: CustomFieldType) => t === "SELECT" || t === "MULTI_SELECT";
export { hasChoices };

// How a value reads (display.ts: the lead page loads that alone).
export { displayValue } from "./display";

/** A CSV cell (or a form's text) as the value it stands for: multi-select split on ";" or ","; empty is no value. */
export function fromText(def: Pick<CustomFieldDef, "type">, text: string): unknown {
  const t = text.trim();
  if (t === "") return undefined;
  if (def.type === "MULTI_SELECT")
    return t
      .split(/[;,]/)
      .map((s) => s.trim())
      .filter(Boolean);
  return t;
}

/** A value as a CSV cell. */
export function toText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.join("; ");
  return String(value);
}
