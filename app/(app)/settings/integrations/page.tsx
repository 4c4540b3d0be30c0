import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Integrations } from "@/components/settings/integrations";
import { requirePageActor } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage() {
  const actor = await requirePageActor();
  if (actor.role !== "ADMIN") notFound();
  return <Integrations />;
}
