// The committed migrations and database functions as files (prisma/migrations, prisma/functions):
// read by the schema engine to apply them, and by /api/health to tell whether they are applied.
import "server-only";
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

export const PRISMA_DIR = path.resolve(process.cwd(), "prisma");
export const SCHEMA_PATH = path.join(PRISMA_DIR, "schema.prisma");
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, "migrations");
/** One file per database function (CREATE OR REPLACE), applied after the migrations. */
export const FUNCTIONS_DIR = path.join(PRISMA_DIR, "functions");
const LOCKFILE = "migration_lock.toml";

export async function readMigrations() {
  const entries = (await readdir(MIGRATIONS_DIR, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrationDirectories = await Promise.all(
    entries.map(async (dir) => ({
      path: dir,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok" as const, value: await readFile(path.join(MIGRATIONS_DIR, dir, "migration.sql"), "utf8") },
      },
    })),
  );
  const lockContent = await readFile(path.join(MIGRATIONS_DIR, LOCKFILE), "utf8").catch(() => null);
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: LOCKFILE, content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

export async function readDatabaseFunctions(): Promise<{ name: string; sql: string; sha256: string }[]> {
  const files = (await readdir(FUNCTIONS_DIR)).filter((f) => /^[a-z0-9_]+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => {
      const sql = await readFile(path.join(FUNCTIONS_DIR, file), "utf8");
      return { name: file.replace(/\.sql$/, ""), sql, sha256: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}
