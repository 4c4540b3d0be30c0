import type { Metadata } from "next";
import { CallingView } from "@/components/dialer/calling-view";
import { requirePageActor } from "@/lib/auth/page-actor";
import { dialableCampaigns } from "@/lib/dialer/campaigns";
import { currentSession } from "@/lib/dialer/sessions";
import { toJson } from "@/lib/dto";

export const metadata: Metadata = { title: "Calling" };

export default async function CallingPage() {
  const actor = await requirePageActor();
  const [state, campaigns] = await Promise.all([currentSession(actor), dialableCampaigns(actor)]);
  return <CallingView initial={toJson(state)} campaigns={campaigns} />;
}
