"use client";
// Every form's errors, one way: field errors shown under their fields, and whatever maps to no
// field on screen (an unknown key, a conflict, the server being away) in one visible alert at the
// top of the form. No form fails silently.
import { useState } from "react";
import type { ZodType } from "zod";
import { ApiError } from "@/lib/queries/api";
import { fieldErrorsOf } from "@/lib/validation-errors";
import { Alert } from "./alert";

export type FieldErrors = Record<string, string>;

/** Field errors of a failed request (an ApiError's `fields`), else none. */
export const apiFieldErrors = (error: unknown): FieldErrors => (error instanceof ApiError ? error.fields : {});

/** A form's field errors: checked in the browser with the server's schema, or taken from the server's answer. */
export function useFormErrors() {
  const [fields, setFields] = useState<FieldErrors>({});
  return {
    fields,
    set: setFields,
    clear: () => setFields({}),
    fromError: (error: unknown) => setFields(apiFieldErrors(error)),
    /** The schema's parsed value, or null with the errors set (the same schema the server applies). */
    check<T>(schema: ZodType<T>, data: unknown): T | null {
      const parsed = schema.safeParse(data);
      if (parsed.success) {
        setFields({});
        return parsed.data;
      }
      setFields(fieldErrorsOf(parsed.error.issues));
      return null;
    },
  };
}

/** "phones.1.number" → "Phones 2 number"; "ownerId" → "Owner id". */
export function fieldLabel(key: string): string {
  const words = key
    .split(/[._-]/)
    .map((part) => (/^\d+$/.test(part) ? String(Number(part) + 1) : part.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()))
    .join(" ")
    .trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : "The form";
}

/**
 * The form's alert: the request's message when it failed without field errors, and every field
 * error no field on screen shows (`shown` lists the keys shown in place; "phones.*" covers "phones.0.number").
 */
export function FormAlert({ error, fields = {}, shown = [] }: { error?: unknown; fields?: FieldErrors; shown?: readonly string[] }) {
  const covered = (key: string) => shown.some((s) => key === s || (s.endsWith(".*") && key.startsWith(s.slice(0, -1))));
  const unplaced = Object.entries(fields).filter(([key]) => !covered(key));
  const general = error && Object.keys(fields).length === 0 ? messageOf(error) : null;
  if (!general && unplaced.length === 0) return null;
  return (
    <Alert>
      {general}
      {unplaced.length > 0 && (
        <ul className={general ? "mt-1" : undefined}>
          {unplaced.map(([key, message]) => (
            <li key={key}>{key === "body" ? message[0]!.toUpperCase() + message.slice(1) : `${fieldLabel(key)} ${message}`}</li>
          ))}
        </ul>
      )}
    </Alert>
  );
}

function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong. Try again.";
}
