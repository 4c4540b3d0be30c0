import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { SignInForm } from "@/components/auth/sign-in-form";
import { PhoneIcon } from "@/components/ui/phone-icon";
import { getActor } from "@/lib/auth/actor";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage() {
  if (await getActor(await headers())) redirect("/");
  // Never in production: a sign-in page on the internet does not list accounts.
  const demo = env.NODE_ENV !== "production";
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <div className="mx-auto mb-3 flex size-11 items-center justify-center rounded-xl bg-brand-600 text-white shadow-sm">
            <PhoneIcon className="size-6" />
          </div>
          <h1 className="text-xl font-semibold text-slate-900">Sign in to Smartflo CRM</h1>
          <p className="mt-1 text-sm text-slate-500">Call leads in one click. Every call lands on the timeline.</p>
        </div>
        <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <Suspense>
            <SignInForm />
          </Suspense>
        </div>
        {demo && (
          <p className="mt-4 text-center text-xs text-slate-500">
            Demo: agent@demo.local, agent2@demo.local, manager@demo.local or admin@demo.local with the demo password.
          </p>
        )}
      </div>
    </main>
  );
}
