import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TelephonyView } from "@/components/settings/telephony-view";
import { requirePageActor } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "Telephony settings" };

export default async function TelephonySettingsPage() {
  const actor = await requirePageActor();
  if (actor.role !== "ADMIN") notFound();
  return <TelephonyView />;
}
