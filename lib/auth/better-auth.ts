// better-auth: email + password, sessions in our database, a role column nobody picks. Password
// attempts are limited in PostgreSQL (lib/auth/sign-in-guard.ts) and every sign-in, failed or not,
// and every password change lands in the audit log.
import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { audit, requestOrigin } from "../audit/log";
import { db } from "../db";
import { authSecret, env } from "../env";
import { canonicalAddress } from "../http/client-address";
import { PEER_ADDRESS_HEADER, peerAddressStamped } from "../http/peer";
import { waitText } from "../http/rate-limit";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../users/schemas";
import {
  passwordChangeBlocked,
  recordPasswordChangeFailure,
  recordSignInFailure,
  recordSignInSuccess,
  signInBlocked,
} from "./sign-in-guard";

type HookCtx = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

const tooMany = (what: string, retryAfter: number) =>
  new APIError(
    "TOO_MANY_REQUESTS",
    { code: "RATE_LIMITED", message: `Too many ${what}. Try again in ${waitText(retryAfter)}.`, retryAfter },
    { "Retry-After": String(retryAfter) },
  );

const emailOf = (ctx: HookCtx) => (typeof ctx.body?.email === "string" ? ctx.body.email.trim().toLowerCase().slice(0, 254) : "");
const originOf = (ctx: HookCtx) => requestOrigin(ctx.headers ?? new Headers());
const failed = (ctx: HookCtx) => ctx.context.returned instanceof Error;

/**
 * better-auth's own account endpoints the product does not offer: names, emails and accounts are
 * an admin's to change (validated and audited on /api/v1/users), passwords only through
 * /change-password. A user renaming themselves to 1 MB of text or to "Asha Admin" is refused.
 */
const REFUSED_PATHS = new Set([
  "/update-user",
  "/change-email",
  "/delete-user",
  "/set-password",
  "/forget-password",
  "/request-password-reset",
  "/reset-password",
  "/send-verification-email",
  "/verify-email",
  "/link-social",
  "/unlink-account",
]);

async function beforeEndpoint(ctx: HookCtx) {
  if (REFUSED_PATHS.has(ctx.path)) {
    throw new APIError("FORBIDDEN", {
      code: "FORBIDDEN",
      message: "Your name, email and account are changed by an admin (Settings → Users); your password on Your account.",
    });
  }
  if (ctx.path === "/sign-in/email") {
    const email = emailOf(ctx);
    const origin = originOf(ctx);
    const blocked = await signInBlocked(email, origin.ip);
    if (blocked) {
      await audit({ actor: null, actorEmail: email, action: "auth.sign_in_blocked", origin, after: { retryAfter: blocked.retryAfter } });
      throw tooMany("sign-in attempts", blocked.retryAfter);
    }
  }
  if (ctx.path === "/change-password") {
    const session = await getSessionFromCtx(ctx);
    const blocked = session ? await passwordChangeBlocked(session.user.id) : null;
    if (blocked) throw tooMany("password attempts", blocked.retryAfter);
  }
}

async function afterEndpoint(ctx: HookCtx) {
  const origin = originOf(ctx);
  if (ctx.path === "/sign-in/email") {
    const email = emailOf(ctx);
    const session = ctx.context.newSession;
    if (session && !failed(ctx)) {
      await recordSignInSuccess(email, origin.ip);
      await audit({
        actor: { id: session.user.id },
        actorEmail: email,
        action: "auth.sign_in",
        target: { type: "user", id: session.user.id },
        origin,
      });
    } else {
      await recordSignInFailure(email, origin.ip);
      const user = email ? await db.user.findUnique({ where: { email }, select: { id: true } }) : null;
      await audit({
        actor: user,
        actorEmail: email,
        action: "auth.sign_in_failed",
        target: user ? { type: "user", id: user.id } : undefined,
        origin,
      });
    }
    return;
  }
  if (ctx.path !== "/change-password" && ctx.path !== "/revoke-other-sessions") return;
  const user = (await getSessionFromCtx(ctx))?.user;
  if (!user) return;
  if (ctx.path === "/change-password") {
    if (failed(ctx)) {
      await recordPasswordChangeFailure(user.id);
      return;
    }
    await db.user.update({ where: { id: user.id }, data: { mustChangePassword: false } });
    await audit({
      actor: user,
      action: "auth.password_changed",
      target: { type: "user", id: user.id },
      origin,
      after: { otherSessionsRevoked: ctx.body?.revokeOtherSessions === true },
    });
  }
  if (ctx.path === "/revoke-other-sessions" && !failed(ctx)) {
    await audit({ actor: user, action: "auth.other_sessions_revoked", target: { type: "user", id: user.id }, origin });
  }
}

/** In development the app answers on localhost and 127.0.0.1 alike (same port); in production only APP_URL. */
function trustedOrigins(): string[] {
  const app = new URL(env.APP_URL);
  if (env.NODE_ENV === "production") return [app.origin];
  return ["localhost", "127.0.0.1"].map((host) => `${app.protocol}//${host}${app.port ? `:${app.port}` : ""}`);
}

export const auth = betterAuth({
  appName: "Smartflo CRM",
  baseURL: env.APP_URL,
  trustedOrigins: trustedOrigins(),
  secret: authSecret,
  database: prismaAdapter(db, { provider: "postgresql" }),
  emailAndPassword: {
    enabled: true,
    disableSignUp: true,
    minPasswordLength: MIN_PASSWORD_LENGTH,
    maxPasswordLength: MAX_PASSWORD_LENGTH,
  },
  // better-auth's own limiter is per process and believes X-Forwarded-For: ours (above) replaces it.
  rateLimit: { enabled: false },
  // No cookie cache: a deactivated user or a changed role takes effect on the next request.
  session: { cookieCache: { enabled: false } },
  user: {
    additionalFields: {
      role: { type: "string", input: false, defaultValue: "AGENT" },
      active: { type: "boolean", input: false, defaultValue: true },
      managerId: { type: "string", input: false, required: false },
      mustChangePassword: { type: "boolean", input: false, defaultValue: false },
    },
  },
  hooks: { before: createAuthMiddleware(beforeEndpoint), after: createAuthMiddleware(afterEndpoint) },
  databaseHooks: {
    session: {
      create: {
        // Deactivated users cannot sign in.
        before: async (session) => {
          const user = await db.user.findUnique({ where: { id: session.userId }, select: { active: true } });
          // The address as people read it (::1, 203.0.113.7), as the audit log writes it.
          const ipAddress = canonicalAddress(session.ipAddress) ?? session.ipAddress;
          return user?.active ? { data: { ...session, ipAddress } } : false;
        },
      },
    },
  },
  // Sessions record the address the same way the audit log does (lib/http/client-address.ts).
  advanced: {
    ipAddress: {
      ipAddressHeaders: env.TRUSTED_PROXY_HEADER
        ? [env.TRUSTED_PROXY_HEADER]
        : peerAddressStamped()
          ? [PEER_ADDRESS_HEADER]
          : env.NODE_ENV === "production"
            ? []
            : ["x-forwarded-for"],
      // Sessions and better-auth's own checks see a client by its /64, as our sign-in limits do.
      ipv6Subnet: 64,
    },
  },
  plugins: [nextCookies()],
});
