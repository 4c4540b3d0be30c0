import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { WebhookEndpoints } from "@/components/settings/webhook-endpoints";
import { requirePageActor } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "Outgoing webhooks" };

export default async function WebhooksPage() {
  const actor = await requirePageActor();
  if (actor.role !== "ADMIN") notFound();
  return <WebhookEndpoints />;
}
