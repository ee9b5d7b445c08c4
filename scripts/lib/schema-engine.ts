/**
 * Prisma's schema engine as WebAssembly, for machines without the native
 * schema-engine binary (offline installs cannot download it). The npm glue
 * imports the .wasm as an ES module, which Node 20 cannot do without a flag,
 * so we instantiate it by hand, the way the prisma CLI loads its own wasm.
 * Also reads prisma/migrations exactly like the CLI does before it calls the
 * engine, so the checksums in _prisma_migrations match `prisma migrate deploy`.
 */
import { readFileSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  mockAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
} from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";

export type { MigrationList, SchemaEngine };

/** Nothing here is managed outside Prisma (prisma.config.ts sets no tables/enums.external). */
export const noFilter: SchemaFilter = { externalTables: [], externalEnums: [] };

let loaded = false;
function loadWasm(): void {
  if (loaded) return;
  // The glue reports Rust panics through this global; the prisma CLI defines it the same way.
  const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
  g.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (m) => console.error(`schema engine panic: ${m}`) };
  // The package exports only its JS glue; the .wasm sits next to it.
  const gluePath = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const wasmModule = new WebAssembly.Module(readFileSync(join(dirname(gluePath), "schema_engine_bg.wasm")));
  const imports = { "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports };
  const instance = new WebAssembly.Instance(wasmModule, imports);
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  loaded = true;
}

/**
 * A stand-in connection for schema-to-schema diffs, which need no database.
 * The engine still sends one probe when it starts (does "public" exist, which
 * server version); we answer it, and refuse every other query.
 */
function offlineAdapterFactory(): SqlMigrationAwareDriverAdapterFactory {
  const probe: SqlResultSet = {
    columnNames: ["exists", "version", "numeric_version"],
    columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
    rows: [[true, "PostgreSQL 16 (offline stand-in)", 160000]],
  };
  const queryRaw = async (query: SqlQuery) => {
    if (query.sql.startsWith("SELECT EXISTS(SELECT 1 FROM pg_namespace")) return probe;
    throw new Error(`offline schema engine cannot run: ${query.sql.slice(0, 80)}`);
  };
  const connect = async () => ({ ...mockAdapter("postgres"), queryRaw, dispose: async () => {} });
  return { provider: "postgres", adapterName: "parley-offline", connect, connectToShadowDb: connect };
}

/**
 * Runs `fn` with a wasm schema engine. With a database URL the engine talks to
 * PostgreSQL through the pg driver adapter (pool closed afterwards); with null
 * it works offline, which is enough for schema-to-schema diffs.
 */
export async function withSchemaEngine<T>(
  databaseUrl: string | null,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  loadWasm();
  // We own the pool so we can close it; the engine never disposes its connection.
  const pool = databaseUrl ? new pg.Pool({ connectionString: databaseUrl, max: 2 }) : null;
  const factory = pool ? new PrismaPg(pool) : offlineAdapterFactory();
  const log = (line: string) => {
    if (process.env.DEBUG_SCHEMA_ENGINE) console.error(line);
  };
  const engine = await glue.SchemaEngine.new({ datamodels: undefined }, log, bindMigrationAwareSqlAdapterFactory(factory));
  try {
    return await fn(engine);
  } finally {
    engine.free();
    await pool?.end();
  }
}

/** The migrations folder as the engine expects it: same shape and order as the prisma CLI builds it. */
export async function readMigrationsList(migrationsDir: string): Promise<MigrationList> {
  const lockPath = "migration_lock.toml";
  const lockContent = await readFile(join(migrationsDir, lockPath), "utf-8").catch(() => null);
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const migrationDirectories = await Promise.all(
    entries
      .filter((entry) => entry.isDirectory())
      .map(async (entry) => {
        const content = await readFile(join(migrationsDir, entry.name, "migration.sql"), "utf-8").then(
          (value) => ({ tag: "ok" as const, value }),
          (error: Error) => ({ tag: "error" as const, value: error.message }),
        );
        return { path: entry.name, migrationFile: { path: "migration.sql", content } };
      }),
  );
  migrationDirectories.sort((a, b) => a.path.localeCompare(b.path));
  return {
    baseDir: migrationsDir,
    lockfile: { path: lockPath, content: lockContent },
    migrationDirectories,
    shadowDbInitScript: "",
  };
}
