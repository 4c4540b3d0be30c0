import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LeadSources } from "@/components/settings/lead-sources";
import { requirePageActor } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "Lead sources" };

export default async function LeadSourcesPage() {
  const actor = await requirePageActor();
  if (actor.role !== "ADMIN") notFound();
  return <LeadSources />;
}
