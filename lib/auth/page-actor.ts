import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { type Actor, getActor } from "./actor";

/**
 * For server components: the signed-in actor, or a redirect to /sign-in. An account still on its
 * one-time password goes to /settings/account first (unless this page is where it changes it).
 */
export async function requirePageActor({ allowPasswordChange = false } = {}): Promise<Actor> {
  const actor = await getActor(await headers());
  if (!actor) redirect("/sign-in");
  if (actor.mustChangePassword && !allowPasswordChange) redirect("/settings/account");
  return actor;
}
