import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ComplianceView } from "@/components/settings/compliance-view";
import { requirePageActor } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "Compliance" };

export default async function ComplianceSettingsPage() {
  const actor = await requirePageActor();
  if (actor.role !== "ADMIN") notFound();
  return <ComplianceView />;
}
