// Setting up a new installation safely: the first admin from the command line with a one-time
// password, and a production seed that will not use the published demo password.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../db/client";

const dir = mkdtempSync(path.join(tmpdir(), "crm-bootstrap-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const production = {
  NODE_ENV: "production",
  BETTER_AUTH_SECRET: "s".repeat(32),
  SMARTFLO_WEBHOOK_TOKEN: "t".repeat(32),
  APP_URL: "https://crm.example.com",
};
const script = (file: string, args: string[], env: Record<string, string | undefined>) =>
  spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", file, ...args], {
    env: { ...process.env, VITEST: undefined, DATABASE_URL: "", ...env } as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 90_000,
  });

describe("npm run admin:create", () => {
  it("creates an admin with a one-time random password that must be changed, and audits it", async () => {
    const db = path.join(dir, "admin");
    expect(script("scripts/migrate.ts", [], { PGLITE_DIR: db }).status).toBe(0);
    const run = script("scripts/admin-create.ts", ["--email", "Owner@Example.com", "--name", "Owner"], { PGLITE_DIR: db });
    expect(run.status, run.stderr).toBe(0);
    const password = /must be changed at first sign-in\):\s+(\S+)/.exec(run.stdout)?.[1];
    expect(password).toMatch(/^[\w-]{20}$/);
    const again = script("scripts/admin-create.ts", ["--email", "owner@example.com", "--name", "Owner"], { PGLITE_DIR: db });
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
    expect(script("scripts/admin-create.ts", ["--name", "No email"], { PGLITE_DIR: db }).status).toBe(2);

    const handle = openDatabase({ pgliteDir: db });
    try {
      const user = await handle.db.user.findUniqueOrThrow({ where: { email: "owner@example.com" }, include: { accounts: true } });
      expect(user).toMatchObject({ role: "ADMIN", mustChangePassword: true });
      expect(user.accounts[0]!.password).not.toContain(password!);
      expect(await handle.db.auditEvent.count({ where: { action: "user.created", targetId: user.id } })).toBe(1);
    } finally {
      await handle.close();
    }
  }, 120_000);
});

describe("npm run db:seed in production", () => {
  it("refuses the default demo password (and no password at all)", () => {
    for (const DEMO_PASSWORD of [undefined, "demo-password"]) {
      const run = script("prisma/seed.ts", [], { ...production, SEED_DEMO_DATA: "1", DEMO_PASSWORD, PGLITE_DIR: path.join(dir, "seed") });
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/Refusing to seed demo users in production with the default password: set DEMO_PASSWORD/);
    }
    const skipped = script("prisma/seed.ts", [], { ...production, PGLITE_DIR: path.join(dir, "seed") });
    expect(skipped.status).toBe(0);
    expect(skipped.stdout).toMatch(/demo data is not seeded/);
  }, 60_000);
});
