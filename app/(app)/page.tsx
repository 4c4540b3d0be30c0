import type { Metadata } from "next";
import { HomeView } from "@/components/home/home-view";
import { requirePageActor } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "Home" };

export default async function HomePage() {
  const actor = await requirePageActor();
  // Managers follow their team's new leads too, admins everyone's (GET /api/v1/leads/waiting).
  const queue = actor.role === "ADMIN" ? "all" : actor.role === "MANAGER" ? "team" : "own";
  return <HomeView name={actor.name} userId={actor.id} queue={queue} />;
}
