// A zod failure as field errors keyed by the field's dotted path ("body" for the whole input):
// the API's 422 `fields` and the browser forms' inline errors are built the same way. Pure.
import type { z } from "zod";

export type FieldErrors = Record<string, string>;

export function fieldErrorsOf(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      const prefix = issue.path.length ? `${issue.path.join(".")}.` : "";
      for (const k of issue.keys) fields[`${prefix}${k}`] ??= "is not a known field";
      continue;
    }
    const key = issue.path.length ? issue.path.join(".") : "body";
    fields[key] ??= issue.message;
  }
  return fields;
}
