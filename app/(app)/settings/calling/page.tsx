import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CallingSettingsView } from "@/components/settings/calling-view";
import { requirePageActor } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "Calling settings" };

export default async function CallingSettingsPage() {
  const actor = await requirePageActor();
  if (actor.role !== "ADMIN") notFound();
  return <CallingSettingsView />;
}
