import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AuditView } from "@/components/settings/audit-view";
import { requirePageActor } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  const actor = await requirePageActor();
  if (actor.role !== "ADMIN") notFound();
  return <AuditView />;
}
