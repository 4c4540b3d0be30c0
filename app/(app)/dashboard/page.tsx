import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { isSupervisor } from "@/lib/auth/actor";
import { requirePageActor } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const actor = await requirePageActor();
  if (!isSupervisor(actor)) notFound();
  return <DashboardView />;
}
