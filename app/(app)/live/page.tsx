import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LiveBoardView } from "@/components/board/live-board";
import { isSupervisor } from "@/lib/auth/actor";
import { requirePageActor } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "Live floor" };

export default async function LivePage() {
  const actor = await requirePageActor();
  if (!isSupervisor(actor)) notFound();
  return <LiveBoardView />;
}
