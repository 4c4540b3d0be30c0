import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RoutingView } from "@/components/settings/routing-view";
import { requirePageActor } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "Lead routing" };

export default async function RoutingPage() {
  const actor = await requirePageActor();
  if (actor.role === "AGENT") notFound();
  return <RoutingView viewer={{ id: actor.id, role: actor.role }} />;
}
