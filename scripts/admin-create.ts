// `npm run admin:create -- --email you@example.com --name "Your Name"`: the first admin of a new
// installation (or another one). Prints a one-time random password, once; the account must set
// its own password at first sign-in. On the embedded database, stop the app first (one process).
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { z } from "zod";
import { audit } from "../lib/audit/log";
import { database } from "../lib/db";
import { createUserWithPassword } from "../lib/users/create-user";

const { values } = parseArgs({
  options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string", default: "ADMIN" } },
});
const input = z
  .object({
    email: z.email("--email must be an email address").transform((v) => v.toLowerCase()),
    name: z.string({ error: "--name is required" }).trim().min(1, "--name is required").max(100),
    role: z.enum(["ADMIN", "MANAGER", "AGENT"], { error: "--role must be ADMIN, MANAGER or AGENT" }),
  })
  .safeParse(values);
if (!input.success) {
  console.error(
    [
      'usage: npm run admin:create -- --email you@example.com --name "Your Name" [--role ADMIN]',
      ...input.error.issues.map((i) => `  - ${i.message}`),
    ].join("\n"),
  );
  process.exit(2);
}
const { db, close } = database();
try {
  if (await db.user.findUnique({ where: { email: input.data.email }, select: { id: true } })) {
    console.error(`A user with the email ${input.data.email} already exists.`);
    process.exit(1);
  }
  const password = randomBytes(15).toString("base64url");
  const user = await createUserWithPassword(db, { ...input.data, password });
  await db.user.update({ where: { id: user.id }, data: { mustChangePassword: true } });
  await audit({
    actor: null,
    action: "user.created",
    target: { type: "user", id: user.id },
    after: { email: user.email, name: user.name, role: user.role, via: "admin:create" },
    origin: { ip: "cli", userAgent: "npm run admin:create" },
  });
  console.log(
    `Created ${input.data.role.toLowerCase()} ${user.email}.\n` +
      `One-time password (shown once; it must be changed at first sign-in):\n\n  ${password}\n`,
  );
} finally {
  await close();
}
