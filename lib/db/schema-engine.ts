// Prisma's schema engine compiled to wasm: migrations without native binaries (offline).
// The package targets bundlers, so its wasm module is read from node_modules and instantiated by hand.
import "server-only";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";

import { readMigrations, readSchemaFiles } from "./migration-files";

export {
  FUNCTIONS_DIR,
  MIGRATIONS_DIR,
  PRISMA_DIR,
  readDatabaseFunctions,
  readMigrations,
  readSchemaFiles,
  SCHEMA_PATH,
} from "./migration-files";

const require = createRequire(import.meta.url);

type Engine = import("@prisma/schema-engine-wasm").SchemaEngine;
type WasmModule = typeof import("@prisma/schema-engine-wasm");

let wasmModule: Promise<WasmModule> | undefined;

function loadWasm(): Promise<WasmModule> {
  wasmModule ??= (async () => {
    const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bg = (await import(bgPath)) as WasmModule & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const bytes = await readFile(bgPath.replace(/\.js$/, ".wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bg;
  })();
  return wasmModule;
}

/**
 * @prisma/adapter-pg runs a migration script by splitting it on every ";", which breaks function
 * bodies ($$ … ; … $$). Sent whole instead: a parameterless query goes over PostgreSQL's simple
 * protocol, which runs a multi-statement script (as one implicit transaction). PGlite's adapter
 * already executes scripts whole.
 */
function wholeScripts(
  factory: SqlMigrationAwareDriverAdapterFactory,
  opened: SqlDriverAdapter[] = [],
): SqlMigrationAwareDriverAdapterFactory {
  if (factory.adapterName !== "@prisma/adapter-pg") return factory;
  const wrap = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    opened.push(adapter);
    return new Proxy(adapter, {
      get(target, prop) {
        if (prop === "executeScript")
          return async (script: string) => void (await target.executeRaw({ sql: script, args: [], argTypes: [] }));
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  };
  return new Proxy(factory, {
    get(target, prop) {
      if (prop === "connect") return async () => wrap(await target.connect());
      if (prop === "connectToShadowDb") return async () => wrap(await target.connectToShadowDb());
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * The engine, and `close()`: frees it and ends the connections it opened. The engine takes
 * PostgreSQL's advisory lock for migrating on one of them and never unlocks it: a pool left open
 * (a long-lived process that migrated, such as a test harness) would keep every other instance
 * from migrating.
 */
export async function openSchemaEngine(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
): Promise<{ engine: Engine; close(): Promise<void> }> {
  const { SchemaEngine } = await loadWasm();
  const datamodels = await readSchemaFiles();
  const log = () => {};
  const opened: SqlDriverAdapter[] = [];
  const engine = await SchemaEngine.new({ datamodels }, log, bindMigrationAwareSqlAdapterFactory(wholeScripts(adapterFactory, opened)));
  return {
    engine,
    async close() {
      engine.free();
      await Promise.allSettled(opened.map((a) => a.dispose()));
    },
  };
}

const noFilters = { externalTables: [], externalEnums: [] };

/** Applies the committed migrations that are pending (the database functions come with them); returns the names applied now. */
export async function applyMigrations(adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  const { engine, close } = await openSchemaEngine(adapterFactory);
  try {
    const out = await engine.applyMigrations({ migrationsList: await readMigrations(), filters: noFilters });
    return out.appliedMigrationNames;
  } finally {
    await close();
  }
}

/** SQL that takes a database at the committed migrations to the current schema (every file of it). */
export async function diffAgainstSchema(adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<string> {
  const { engine, close } = await openSchemaEngine(adapterFactory);
  try {
    await engine.applyMigrations({ migrationsList: await readMigrations(), filters: noFilters });
    const files = (await readSchemaFiles()).map(([path, content]) => ({ path, content }));
    const result = await engine.diff({
      from: { tag: "schemaDatasource", files, configDir: "." },
      to: { tag: "schemaDatamodel", files },
      script: true,
      exitCode: null,
      filters: noFilters,
    } as Parameters<Engine["diff"]>[0]);
    return (result as unknown as { stdout: string }).stdout;
  } finally {
    await close();
  }
}
