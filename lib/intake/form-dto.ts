// A hosted form as admins read it (lead sources list, the form editor). No imports of the intake
// pipeline: lib/intake/sources.ts lists forms, lib/intake/forms.ts submits to sources.
import "server-only";
import { env } from "../env";
import type { WebForm } from "../generated/prisma/client";
import type { WebFormField } from "./form-schemas";

export const formUrl = (slug: string) => `${env.APP_URL.replace(/\/$/, "")}/f/${slug}`;

export type FormRow = WebForm;

export function formDto(form: FormRow) {
  return {
    slug: form.slug,
    title: form.title,
    intro: form.intro,
    fields: form.fields as WebFormField[],
    consentText: form.consentText,
    consentRequired: form.consentRequired,
    thankYou: form.thankYou,
    redirectUrl: form.redirectUrl,
    active: form.active,
  };
}
export type WebFormDto = ReturnType<typeof formDto>;
