import type { Metadata } from "next";
import { HomeView } from "@/components/home/home-view";
import { requirePageActor } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "Home" };

export default async function HomePage() {
  const actor = await requirePageActor();
  return <HomeView name={actor.name} />;
}
