// The one place that turns a request into an actor (who, which role) for pages, routes and services.

import "server-only";
import type { ApiScope } from "../api-keys/scopes";
import { AppError } from "../errors";
import type { Role } from "../generated/prisma/enums";
import { auth } from "./better-auth";

export interface Actor {
  id: string;
  name: string;
  email: string;
  role: Role;
  managerId: string | null;
  /** Signed in with a one-time password: only the account page and the password change work. */
  mustChangePassword?: boolean;
  /** The session the request came with (the live stream ends with it). */
  sessionId?: string;
  /** Set when the request came with an API key: the key acts as itself, never as a user. */
  apiKey?: { id: string; name: string; scopes: ApiScope[] };
}

export async function getActor(headers: Headers): Promise<Actor | null> {
  const session = await auth.api.getSession({ headers });
  if (!session) return null;
  const user = session.user as typeof session.user & {
    role?: string;
    active?: boolean;
    managerId?: string | null;
    mustChangePassword?: boolean;
  };
  if (user.active === false) return null;
  const role = (["ADMIN", "MANAGER", "AGENT"] as const).find((r) => r === user.role) ?? "AGENT";
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role,
    managerId: user.managerId ?? null,
    mustChangePassword: user.mustChangePassword === true,
    sessionId: session.session.id,
  };
}

export async function requireActor(headers: Headers): Promise<Actor> {
  const actor = await getActor(headers);
  if (!actor) throw new AppError("UNAUTHORIZED", "Sign in first");
  if (actor.mustChangePassword)
    throw new AppError("FORBIDDEN", "Set your own password first (Your account)", { code: "PASSWORD_CHANGE_REQUIRED" });
  return actor;
}

/** Records the actor may not see answer 404, never 403: existence does not leak. */
export function assertRole(actor: Actor, roles: readonly Role[]): void {
  if (!roles.includes(actor.role)) throw new AppError("NOT_FOUND", "Not found");
}

export const isSupervisor = (actor: Actor) => actor.role === "ADMIN" || actor.role === "MANAGER";
