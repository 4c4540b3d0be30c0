import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ApiKeys } from "@/components/settings/api-keys";
import { ApiReference } from "@/components/settings/api-reference";
import { requirePageActor } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "API keys and reference" };

export default async function DevelopersPage() {
  const actor = await requirePageActor();
  if (actor.role !== "ADMIN") notFound();
  return (
    <div className="space-y-6">
      <ApiKeys />
      <ApiReference />
    </div>
  );
}
