import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LeadSourceReportView } from "@/components/reports/lead-source-report";
import { isSupervisor } from "@/lib/auth/actor";
import { requirePageActor } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "Lead sources" };

export default async function LeadSourcesReportPage() {
  const actor = await requirePageActor();
  if (!isSupervisor(actor)) notFound();
  return <LeadSourceReportView canEditSpend={actor.role === "ADMIN"} />;
}
