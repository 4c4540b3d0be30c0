import "server-only";
import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import type { Db } from "../db/client";
import type { Role } from "../generated/prisma/enums";

export interface NewUser {
  name: string;
  email: string;
  password: string;
  role: Role;
  smartfloAgentNumber?: string | null;
  managerId?: string | null;
}

/** A user with an email + password account, as better-auth stores them (no public sign-up). */
export async function createUserWithPassword(db: Db, input: NewUser) {
  const id = randomUUID();
  const password = await hashPassword(input.password);
  return db.user.create({
    data: {
      id,
      name: input.name,
      email: input.email.toLowerCase(),
      emailVerified: true,
      role: input.role,
      smartfloAgentNumber: input.smartfloAgentNumber ?? null,
      managerId: input.managerId ?? null,
      accounts: { create: { id: randomUUID(), accountId: id, providerId: "credential", password } },
    },
  });
}
