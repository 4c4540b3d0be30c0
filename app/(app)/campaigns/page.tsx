import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CampaignsView } from "@/components/dialer/campaigns-view";
import { isSupervisor } from "@/lib/auth/actor";
import { requirePageActor } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "Campaigns" };

export default async function CampaignsPage() {
  const actor = await requirePageActor();
  if (!isSupervisor(actor)) notFound();
  return <CampaignsView />;
}
