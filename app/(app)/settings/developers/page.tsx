import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ApiKeys } from "@/components/settings/api-keys";
import { requirePageActor } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "API keys" };

export default async function DevelopersPage() {
  const actor = await requirePageActor();
  if (actor.role !== "ADMIN") notFound();
  return <ApiKeys />;
}
