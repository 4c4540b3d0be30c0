// The one place that turns a request into an actor (who, which role) for pages, routes and services.

import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import type { ApiScope } from "../api-keys/scopes";
import { database } from "../db";
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

/** A signed-in user row as the session check reads it. */
interface SessionUser {
  id: string;
  name: string;
  email: string;
  role?: string | null;
  active?: boolean | null;
  managerId?: string | null;
  mustChangePassword?: boolean | null;
}

function toActor(user: SessionUser, sessionId: string): Actor | null {
  if (user.active === false) return null;
  const role = (["ADMIN", "MANAGER", "AGENT"] as const).find((r) => r === user.role) ?? "AGENT";
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role,
    managerId: user.managerId ?? null,
    mustChangePassword: user.mustChangePassword === true,
    sessionId,
  };
}

export async function getActor(headers: Headers): Promise<Actor | null> {
  const fast = await readSession(headers);
  if (fast !== "ask-better-auth") return fast;
  const session = await auth.api.getSession({ headers });
  if (!session) return null;
  return toActor(session.user as SessionUser, session.session.id);
}

/** The session cookie's name, the secret that signs it and the session's lifetimes (better-auth's own). */
const cookieSettings = (async () => {
  const ctx = await auth.$context;
  return {
    name: ctx.authCookies.sessionToken.name,
    key: ctx.secret,
    expiresInMs: ctx.sessionConfig.expiresIn * 1000,
    updateAgeMs: ctx.sessionConfig.updateAge * 1000,
  };
})();

/** The value of cookie `name` in a Cookie header, percent-decoded as better-auth reads it. */
function cookieValue(header: string, name: string): string | null {
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return null;
}

/**
 * The session check every request makes, in one query: the signed session cookie verified here
 * (HMAC-SHA256 under better-auth's secret, as better-auth signs it), then the session and its user
 * read together. Exact, not cached: a signed-out, revoked or expired session, a deactivated user or a
 * changed role takes effect on the next request, on every server. Whatever this path does not handle
 * (no session row, an expired one better-auth should delete, one due for its sliding renewal, a
 * cookie it cannot read) goes to better-auth's own getSession, so the answer is always better-auth's.
 */
export async function readSession(headers: Headers): Promise<Actor | null | "ask-better-auth"> {
  const header = headers.get("cookie");
  const settings = await cookieSettings;
  const raw = header ? cookieValue(header, settings.name) : null;
  if (!raw) return null;
  const dot = raw.lastIndexOf(".");
  const token = raw.slice(0, dot);
  const signature = raw.slice(dot + 1);
  if (dot < 1 || signature.length !== 44 || !signature.endsWith("=")) return "ask-better-auth";
  const expected = createHmac("sha256", settings.key).update(token).digest();
  const given = Buffer.from(signature, "base64");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "ask-better-auth";
  // Every signed-in request makes it: straight to the driver (lib/db/client.ts query).
  const [row] = await database().query<SessionUser & { sessionId: string; expiresAt: Date }>(
    `SELECT s.id AS "sessionId", s."expiresAt", u.id, u.name, u.email, u.role::text AS role, u.active, u."managerId",
            u."mustChangePassword"
     FROM session s JOIN "user" u ON u.id = s."userId"
     WHERE s.token = $1`,
    [token],
    { prepare: true },
  );
  if (!row) return null;
  const now = Date.now();
  const renewDueAt = row.expiresAt.getTime() - settings.expiresInMs + settings.updateAgeMs;
  if (row.expiresAt.getTime() <= now || renewDueAt <= now) return "ask-better-auth";
  return toActor(row, row.sessionId);
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
