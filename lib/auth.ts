// better-auth: email + password, sessions in our database, a role column nobody picks.
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { db } from "./db";
import { authSecret, env } from "./env";

export const auth = betterAuth({
  appName: "Smartflo CRM",
  baseURL: env.APP_URL,
  secret: authSecret,
  database: prismaAdapter(db, { provider: "postgresql" }),
  emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 8 },
  // Brute-force guard on password sign-in (per client IP); the rest of the API is session-bound.
  rateLimit: { customRules: { "/sign-in/email": { window: 60, max: 10 } } },
  // No cookie cache: a deactivated user or a changed role takes effect on the next request.
  session: { cookieCache: { enabled: false } },
  user: {
    additionalFields: {
      role: { type: "string", input: false, defaultValue: "AGENT" },
      active: { type: "boolean", input: false, defaultValue: true },
      managerId: { type: "string", input: false, required: false },
    },
  },
  databaseHooks: {
    session: {
      create: {
        // Deactivated users cannot sign in.
        before: async (session) => {
          const user = await db.user.findUnique({ where: { id: session.userId }, select: { active: true } });
          return user?.active ? { data: session } : false;
        },
      },
    },
  },
  plugins: [nextCookies()],
});
