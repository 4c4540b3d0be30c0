// The committed migrations and database functions as files (prisma/migrations, prisma/functions):
// read by the schema engine to apply them, by `npm run db:migrate:new` to write the next one, and
// by /api/health to tell whether they are applied.
//
// A database function is edited in prisma/functions/<name>.sql and reaches databases only through
// a migration: `npm run db:migrate:new` copies each changed file into the new migration between
// FUNCTION_BEGIN/FUNCTION_END markers, so `prisma migrate deploy` alone builds the whole database.
// The newest block of each function in the migrations must equal its file (a test checks).
import "server-only";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

export const PRISMA_DIR = path.resolve(process.cwd(), "prisma");
/** The schema's main file (generator, datasource); the models are in prisma/models/ (a multi-file schema). */
export const SCHEMA_PATH = path.join(PRISMA_DIR, "schema.prisma");
export const MODELS_DIR = path.join(PRISMA_DIR, "models");
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, "migrations");
/** One file per database function (CREATE OR REPLACE, its triggers beside it). */
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

export type DatabaseFunctionFile = { name: string; sql: string; functions: string[] };

/** prisma/functions/*.sql, in name order (the order a migration carries them in). */
export async function readDatabaseFunctions(): Promise<DatabaseFunctionFile[]> {
  const files = (await readdir(FUNCTIONS_DIR)).filter((f) => /^[a-z0-9_]+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => {
      const sql = await readFile(path.join(FUNCTIONS_DIR, file), "utf8");
      const functions = [...sql.matchAll(/CREATE OR REPLACE FUNCTION\s+([a-z0-9_]+)/gi)].map((m) => m[1]!.toLowerCase());
      return { name: file.replace(/\.sql$/, ""), sql, functions };
    }),
  );
}

const BEGIN = (name: string) => `-- FUNCTION_BEGIN ${name} (prisma/functions/${name}.sql)`;
const END = (name: string) => `-- FUNCTION_END ${name}`;

/** A function file as a migration carries it. */
export function functionBlock(file: { name: string; sql: string }): string {
  return `${BEGIN(file.name)}\n${file.sql.trimEnd()}\n${END(file.name)}\n`;
}

/** The newest text of each function file carried by the migrations (in migration order). */
export function functionsInMigrations(migrations: { path: string; migrationFile: { content: { value: string } } }[]) {
  const latest = new Map<string, { sql: string; migration: string }>();
  for (const m of migrations) {
    const text = m.migrationFile.content.value;
    for (const match of text.matchAll(/^-- FUNCTION_BEGIN ([a-z0-9_]+) .*\n([\s\S]*?)\n-- FUNCTION_END \1$/gm)) {
      latest.set(match[1]!, { sql: match[2]!, migration: m.path });
    }
  }
  return latest;
}

/** Function files whose text differs from the newest one the migrations carry (or that none carries). */
export async function functionsNotInMigrations(): Promise<DatabaseFunctionFile[]> {
  const [{ migrationDirectories }, files] = await Promise.all([readMigrations(), readDatabaseFunctions()]);
  const carried = functionsInMigrations(migrationDirectories);
  return files.filter((f) => carried.get(f.name)?.sql !== f.sql.trimEnd());
}

/** Every file of the schema (the main file, then prisma/models/*.prisma by name), as [path, content]. */
export async function readSchemaFiles(): Promise<[string, string][]> {
  const models = (await readdir(MODELS_DIR)).filter((f) => f.endsWith(".prisma")).sort();
  const paths = [SCHEMA_PATH, ...models.map((f) => path.join(MODELS_DIR, f))];
  return Promise.all(paths.map(async (p): Promise<[string, string]> => [p, await readFile(p, "utf8")]));
}
