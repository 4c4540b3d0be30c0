// Small factories for service and route tests. Every test creates its own rows.
import { randomUUID } from "node:crypto";
import type { Actor } from "../../lib/auth/actor";
import { db } from "../../lib/db";
import type { LeadStatus, Role } from "../../lib/generated/prisma/enums";
import { last10Digits } from "../../lib/phone";
import { createUserWithPassword } from "../../lib/users/create-user";

export const TEST_PASSWORD = "test-password-123";
let counter = Math.floor(Math.random() * 1e6);

/** A valid, unique Indian mobile number in E.164. */
export function uniquePhone(): string {
  counter = (counter + 7919) % 1e9;
  return `+917${String(counter).padStart(9, "0")}`;
}

export async function makeUser(opts: { role?: Role; managerId?: string | null; agentNumber?: string | null; active?: boolean } = {}) {
  const role = opts.role ?? "AGENT";
  const user = await createUserWithPassword(db, {
    name: `${role.toLowerCase()} ${randomUUID().slice(0, 6)}`,
    email: `${role.toLowerCase()}-${randomUUID()}@test.local`,
    password: TEST_PASSWORD,
    role,
    managerId: opts.managerId ?? null,
    smartfloAgentNumber:
      opts.agentNumber === undefined
        ? role === "AGENT"
          ? `9${String(Math.floor(Math.random() * 1e9)).padStart(9, "0")}`
          : null
        : opts.agentNumber,
  });
  if (opts.active === false) await db.user.update({ where: { id: user.id }, data: { active: false } });
  const actor: Actor = { id: user.id, name: user.name, email: user.email, role, managerId: user.managerId };
  return { user, actor };
}

export async function makeLead(opts: { ownerId?: string | null; status?: LeadStatus; phone?: string; name?: string } = {}) {
  const phone = opts.phone ?? uniquePhone();
  return db.lead.create({
    data: {
      name: opts.name ?? `Lead ${randomUUID().slice(0, 8)}`,
      phone,
      phoneLast10: last10Digits(phone),
      status: opts.status ?? "NEW",
      ownerId: opts.ownerId ?? null,
    },
  });
}
