// A custom field's value as people read it: all the lead page needs from ./values.ts (the kinds,
// their labels and the text round trip stay with the forms and the settings page).
import type { CustomFieldDef } from "./values";

/** A value as people read it. */
export function displayValue(def: Pick<CustomFieldDef, "type">, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.join(", ");
  if (def.type === "CHECKBOX") return value ? "Yes" : "No";
  if (def.type === "NUMBER" && typeof value === "number") return value.toLocaleString("en-IN");
  if (def.type === "DATE" && typeof value === "string") {
    const d = new Date(`${value}T00:00:00Z`);
    return Number.isNaN(d.getTime())
      ? value
      : d.toLocaleDateString("en-IN", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  }
  return String(value);
}
