import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { UsersView } from "@/components/settings/users-view";
import { requirePageActor } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "Users" };

export default async function UsersSettingsPage() {
  const actor = await requirePageActor();
  if (actor.role !== "ADMIN") notFound();
  return <UsersView />;
}
