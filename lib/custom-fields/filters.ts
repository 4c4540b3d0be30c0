// The lead list's custom-field filters, from the URL: `?f.city=Pune&f.languages=Hindi` (one choice
// of a multi-select: leads having it). Checked against the definitions; a bad one is a 422 naming
// `f.<key>`.
import "server-only";
import { validationError } from "../errors";
import { customFieldDefs } from "./service";
import type { FieldValue, FieldValues } from "./types";

export const FILTER_PREFIX = "f.";

export async function fieldFilters(params: Record<string, string>): Promise<FieldValues | undefined> {
  const wanted = Object.entries(params).filter(([k, v]) => k.startsWith(FILTER_PREFIX) && v !== "");
  if (wanted.length === 0) return undefined;
  const defs = new Map((await customFieldDefs()).map((d) => [d.key, d]));
  const out: FieldValues = {};
  const errors: Record<string, string> = {};
  for (const [param, raw] of wanted) {
    const key = param.slice(FILTER_PREFIX.length);
    const def = defs.get(key);
    const text = raw.trim().slice(0, 200);
    if (!def) {
      errors[param] = "is not a custom field";
      continue;
    }
    let value: FieldValue;
    if (def.type === "NUMBER") {
      value = Number(text);
      if (!Number.isFinite(value)) errors[param] = "must be a number";
    } else if (def.type === "CHECKBOX") {
      if (!["true", "false", "yes", "no"].includes(text)) errors[param] = "must be true or false";
      value = text === "true" || text === "yes";
    } else if (def.type === "MULTI_SELECT") value = [text];
    else value = def.type === "EMAIL" ? text.toLowerCase() : text;
    if ((def.type === "SELECT" || def.type === "MULTI_SELECT") && !def.options.includes(text))
      errors[param] = `must be one of ${def.options.join(", ")}`;
    out[key] = value;
  }
  if (Object.keys(errors).length) throw validationError(errors);
  return out;
}
