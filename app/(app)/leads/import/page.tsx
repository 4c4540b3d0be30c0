import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ImportView } from "@/components/leads/import-view";
import { isSupervisor } from "@/lib/auth/actor";
import { requirePageActor } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "Import leads" };

export default async function ImportLeadsPage() {
  const actor = await requirePageActor();
  if (!isSupervisor(actor)) notFound();
  return <ImportView />;
}
