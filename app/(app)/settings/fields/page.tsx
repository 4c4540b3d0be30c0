import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CustomFields } from "@/components/settings/custom-fields";
import { requirePageActor } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "Lead fields" };

export default async function LeadFieldsPage() {
  const actor = await requirePageActor();
  if (actor.role !== "ADMIN") notFound();
  return <CustomFields />;
}
