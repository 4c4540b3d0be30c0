"use server";
// A visitor's submission of a hosted form: a Server Function, so the form works before (or
// without) JavaScript: the browser posts it and the answer is the page again, with its errors or
// the thank-you text, or a redirect to the address the admin set.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { clientAddress } from "@/lib/http/client-address";
import { type FormAnswer, submitWebForm } from "@/lib/intake/forms";

export type FormState = (FormAnswer & { values: Record<string, string>; attempt: number }) | null;

export async function submitForm(slug: string, previous: FormState, data: FormData): Promise<FormState> {
  const values = Object.fromEntries(
    [...data.entries()].filter(([k, v]) => typeof v === "string" && !k.startsWith("$")) as [string, string][],
  );
  const answer = await submitWebForm(slug, values, { ip: clientAddress(await headers()) });
  if (answer.ok && answer.redirectUrl) redirect(answer.redirectUrl);
  // What the visitor typed comes back with the errors, so nothing has to be typed twice.
  return { ...answer, values: answer.ok ? {} : values, attempt: (previous?.attempt ?? 0) + 1 };
}
