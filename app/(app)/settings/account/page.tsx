import type { Metadata } from "next";
import { AccountView } from "@/components/settings/account-view";
import { requirePageActor } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const actor = await requirePageActor({ allowPasswordChange: true });
  return <AccountView user={{ name: actor.name, email: actor.email }} mustChangePassword={actor.mustChangePassword === true} />;
}
