// API keys: made by admins (shown once, kept as a SHA-256 with a visible prefix), revoked by them,
// and turned into an actor for the /api/v1 routes their scopes allow. A key acts as itself, a
// named service actor, never as a user: what it writes says "via API key <name>".
import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { audit } from "../audit/log";
import { type Actor, assertRole } from "../auth/actor";
import { db } from "../db";
import { env } from "../env";
import { AppError, notFound } from "../errors";
import { clientAddress } from "../http/client-address";
import { hit } from "../http/rate-limit";
import type { CreateApiKeyInput } from "./schemas";
import type { ApiScope } from "./scopes";

const PREFIX_CHARS = "abcdefghijkmnpqrstuvwxyz23456789";
/** A key looks like crm_k7m2x9qa_<40 characters>: the part before the second underscore is its prefix. */
const KEY_PATTERN = /^(crm_[a-z2-9]{8})_[A-Za-z0-9_-]{40}$/;
/** lastUsedAt is written at most this often per key (not one write per request). */
const LAST_USED_EVERY_MS = 60_000;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function newKey(): { prefix: string; key: string } {
  const bytes = randomBytes(8);
  const prefix = `crm_${Array.from(bytes, (b) => PREFIX_CHARS[b % PREFIX_CHARS.length]).join("")}`;
  return { prefix, key: `${prefix}_${randomBytes(30).toString("base64url")}` };
}

export type ApiKeyDto = Awaited<ReturnType<typeof listApiKeys>>["items"][number];

export async function createApiKey({ actor, input }: { actor: Actor; input: CreateApiKeyInput }) {
  assertRole(actor, ["ADMIN"]);
  const { prefix, key } = newKey();
  const created = await db.apiKey.create({
    data: { name: input.name, prefix, hash: sha256(key), scopes: input.scopes, expiresAt: input.expiresAt ?? null, createdById: actor.id },
  });
  await audit({
    actor,
    action: "api_key.created",
    target: { type: "api_key", id: created.id },
    after: { name: created.name, prefix, scopes: created.scopes, expiresAt: created.expiresAt?.toISOString() ?? null },
  });
  // The key itself is in this answer only.
  return { id: created.id, name: created.name, prefix, key, scopes: created.scopes, expiresAt: created.expiresAt };
}

export async function listApiKeys({ actor }: { actor: Actor }) {
  assertRole(actor, ["ADMIN"]);
  const rows = await db.apiKey.findMany({
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    include: { createdBy: { select: { id: true, name: true } } },
  });
  const now = Date.now();
  return {
    items: rows.map((k) => ({
      id: k.id,
      name: k.name,
      prefix: k.prefix,
      scopes: k.scopes as ApiScope[],
      state: k.revokedAt ? ("revoked" as const) : k.expiresAt && k.expiresAt.getTime() <= now ? ("expired" as const) : ("active" as const),
      expiresAt: k.expiresAt,
      lastUsedAt: k.lastUsedAt,
      lastUsedIp: k.lastUsedIp,
      revokedAt: k.revokedAt,
      createdAt: k.createdAt,
      createdBy: k.createdBy,
    })),
  };
}

export async function revokeApiKey({ actor, id }: { actor: Actor; id: string }) {
  assertRole(actor, ["ADMIN"]);
  const key = await db.apiKey.findUnique({ where: { id } });
  if (!key) throw notFound("API key");
  if (key.revokedAt) return { id, revokedAt: key.revokedAt };
  const revoked = await db.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
  await audit({ actor, action: "api_key.revoked", target: { type: "api_key", id }, before: { name: key.name, prefix: key.prefix } });
  return { id, revokedAt: revoked.revokedAt };
}

/** The key in `Authorization: Bearer <key>`, or null when the request carries none (a browser session). */
export function bearerKey(headers: Headers): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "");
  return match ? match[1]! : null;
}

const unauthorized = () => new AppError("UNAUTHORIZED", "This API key is not valid (revoked, expired or mistyped)");

/**
 * The actor for a request made with an API key, on a route that needs `scope`: 401 for a key that
 * is unknown, revoked or expired; 403 naming the scope it lacks; 429 past its rate limit.
 */
export async function apiKeyActor(token: string, scope: ApiScope | null, headers: Headers): Promise<Actor> {
  const prefix = KEY_PATTERN.exec(token)?.[1];
  const key = prefix ? await db.apiKey.findUnique({ where: { prefix } }) : null;
  if (!key || !timingSafeEqual(Buffer.from(key.hash, "hex"), Buffer.from(sha256(token), "hex"))) throw unauthorized();
  const ip = clientAddress(headers);
  const refuse = async (error: AppError, why: string) => {
    await audit({
      actor: null,
      actorEmail: `api-key:${key.prefix}`,
      action: "api_key.refused",
      target: { type: "api_key", id: key.id },
      after: { why },
    });
    return error;
  };
  if (key.revokedAt) throw await refuse(unauthorized(), "revoked");
  if (key.expiresAt && key.expiresAt.getTime() <= Date.now()) throw await refuse(unauthorized(), "expired");
  if (!scope || !key.scopes.includes(scope)) {
    const message = scope ? `This API key does not have the scope ${scope}` : "API keys cannot use this route; sign in instead";
    throw await refuse(
      new AppError("FORBIDDEN", message, { fields: { scope: scope ? `needs ${scope}` : "no API access" } }),
      scope ?? "route",
    );
  }
  const limited = await hit(`api-key:${key.id}`, { limit: env.API_KEY_RATE_LIMIT_PER_MINUTE, windowSeconds: 60 });
  if (limited.exceeded)
    throw new AppError("RATE_LIMITED", `This API key is over ${env.API_KEY_RATE_LIMIT_PER_MINUTE} requests a minute; slow down`, {
      retryAfter: limited.retryAfter,
    });
  if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > LAST_USED_EVERY_MS || key.lastUsedIp !== ip)
    await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date(), lastUsedIp: ip } });
  return {
    id: `api-key:${key.id}`,
    name: `API key ${key.name}`,
    email: "",
    // Org-wide reads (an admin's scope); the routes a key reaches are only those its scopes name.
    role: "ADMIN",
    managerId: null,
    apiKey: { id: key.id, name: key.name, scopes: key.scopes as ApiScope[] },
  };
}
