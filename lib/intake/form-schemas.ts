// A lead source's hosted form: its settings (admins) and what a visitor submits. Shared by the
// server and the browser.
import { z } from "zod";

/** The fields a form may show besides name and mobile number (always there, always required). */
export const FORM_FIELDS = ["email", "city", "message"] as const;
export type FormFieldKey = (typeof FORM_FIELDS)[number];

export const FORM_FIELD_LABELS: Record<"name" | "phone" | FormFieldKey, string> = {
  name: "Your name",
  phone: "Mobile number",
  email: "Email",
  city: "City",
  message: "What are you looking for?",
};

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max.toLocaleString("en-US")} characters`)
    .nullish()
    .transform((v) => v || null);

export const webFormSchema = z.strictObject({
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9](?:[a-z0-9-]{1,58})[a-z0-9]$/, "must be 3–60 lower-case letters, digits or dashes, e.g. pune-2bhk"),
  title: z.string().trim().min(1, "is required").max(120, "must be at most 120 characters"),
  intro: text(1000),
  fields: z
    .array(z.strictObject({ key: z.enum(FORM_FIELDS), required: z.boolean().default(false) }))
    .max(FORM_FIELDS.length)
    .refine((f) => new Set(f.map((x) => x.key)).size === f.length, "lists a field twice")
    .default([]),
  consentText: text(1000),
  consentRequired: z.boolean().default(false),
  thankYou: text(1000),
  redirectUrl: text(2000).pipe(z.url({ message: "must be a URL such as https://example.com/thank-you" }).nullable()),
  active: z.boolean().default(true),
});
export type WebFormInput = z.infer<typeof webFormSchema>;
export type WebFormField = WebFormInput["fields"][number];
