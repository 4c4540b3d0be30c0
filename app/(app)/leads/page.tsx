import type { Metadata } from "next";
import { Suspense } from "react";
import { LeadsView } from "@/components/leads/leads-view";
import { isSupervisor } from "@/lib/auth/actor";
import { requirePageActor } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "Leads" };

export default async function LeadsPage() {
  const actor = await requirePageActor();
  // The filters are read from the URL on the client (useSearchParams).
  return (
    <Suspense>
      <LeadsView canFilterOwner={isSupervisor(actor)} />
    </Suspense>
  );
}
