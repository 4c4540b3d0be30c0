import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { WebFormView } from "@/components/web-form/web-form-view";
import { env } from "@/lib/env";
import { publicWebForm, UTM_KEYS } from "@/lib/intake/forms";
import { submitForm } from "./actions";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const form = await publicWebForm((await params).slug);
  return { title: form?.title ?? "Form", robots: { index: false } };
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.slice(0, 500) ?? "";

/**
 * A lead source's hosted form, for visitors: no sign-in, no app chrome, embeddable in an iframe
 * (proxy.ts lets other sites frame /f/ pages). The page's UTM parameters, the referrer and the
 * landing page (the embed snippet passes the host page's as ?ref= and ?page=) travel with the
 * submission in hidden fields.
 */
export default async function HostedFormPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const form = await publicWebForm(slug);
  if (!form) notFound();
  const query = await searchParams;
  const referer = (await headers()).get("referer") ?? "";
  const own = referer.startsWith(new URL(env.APP_URL).origin);
  const hidden: Record<string, string> = {
    ...Object.fromEntries(UTM_KEYS.map((k) => [k, one(query[k])]).filter(([, v]) => v)),
    ref: one(query.ref) || (own ? "" : referer.slice(0, 500)),
    page: one(query.page) || `${env.APP_URL.replace(/\/$/, "")}/f/${slug}`,
  };
  return (
    <main className="flex min-h-screen justify-center bg-slate-50 px-4 py-8">
      <WebFormView form={form} hidden={hidden} action={submitForm.bind(null, slug)} />
    </main>
  );
}
