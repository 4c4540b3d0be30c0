import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LeadWorkspace } from "@/components/leads/lead-workspace";
import { isSupervisor } from "@/lib/auth/actor";
import { requirePageActor } from "@/lib/auth/page-actor";
import { findCallAwaitingOutcome } from "@/lib/calls/needs-outcome";
import { findActiveCall } from "@/lib/calls/read-call";
import { AppError } from "@/lib/errors";
import { getLead } from "@/lib/leads/read-lead";

export const metadata: Metadata = { title: "Lead" };

export default async function LeadPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const { id } = await params;
  const lead = await getLead({ actor, id }).catch((error: unknown) => {
    if (error instanceof AppError && error.kind === "NOT_FOUND") notFound();
    throw error;
  });
  return (
    <div className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/leads" className="text-slate-500 hover:text-slate-800">
          ← Leads
        </Link>
      </nav>
      <LeadWorkspace
        initialLead={lead}
        user={{ id: actor.id, name: actor.name, canAssign: isSupervisor(actor), isAdmin: actor.role === "ADMIN" }}
        activeCall={(await findActiveCall({ actor, leadId: lead.id })) ?? (await findCallAwaitingOutcome({ actor, leadId: lead.id }))}
      />
    </div>
  );
}
