import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { type Actor, getActor } from "./actor";

/** For server components: the signed-in actor, or a redirect to /sign-in. */
export async function requirePageActor(): Promise<Actor> {
  const actor = await getActor(await headers());
  if (!actor) redirect("/sign-in");
  return actor;
}
