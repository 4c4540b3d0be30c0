import type { Metadata } from "next";
import { LeadsView } from "@/components/leads/leads-view";
import { isSupervisor } from "@/lib/auth/actor";
import { requirePageActor } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "Leads" };

export default async function LeadsPage() {
  const actor = await requirePageActor();
  return <LeadsView canFilterOwner={isSupervisor(actor)} />;
}
