/**
 * Brings a database up to date with prisma/migrations (creating the database
 * first). Uses `prisma migrate deploy` when Prisma's native schema engine is
 * installed, otherwise the same engine built as WebAssembly, which offline
 * installs have (the native binary is a download). Both record the same rows
 * in _prisma_migrations, so a database can move between the two freely.
 * Shared by scripts/db-migrate.ts and the test setup (dedicated test database).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { noFilter, readMigrationsList, withSchemaEngine } from "./schema-engine";

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const migrationsDir = join(projectRoot, "prisma", "migrations");

export type MigrationRun = {
  database: string;
  created: boolean;
  engine: "native" | "wasm";
  applied: string[];
};

/** Applies every pending migration to `databaseUrl`; a no-op when it is up to date. */
export async function migrateDatabase(databaseUrl: string): Promise<void> {
  await runMigrations(databaseUrl);
}

export async function runMigrations(databaseUrl: string): Promise<MigrationRun> {
  const { database, created } = await ensureDatabase(databaseUrl);
  const native = findNativeSchemaEngine();
  if (native) {
    const before = await appliedMigrationNames(databaseUrl);
    migrateDeploy(databaseUrl, native);
    const after = await appliedMigrationNames(databaseUrl);
    return { database, created, engine: "native", applied: after.filter((name) => !before.includes(name)) };
  }
  const migrationsList = await readMigrationsList(migrationsDir);
  const { appliedMigrationNames: applied } = await withSchemaEngine(databaseUrl, (engine) =>
    engine.applyMigrations({ migrationsList, filters: noFilter }),
  );
  return { database, created, engine: "wasm", applied };
}

/** Creates the database named in the URL, through the server's `postgres` maintenance database. */
async function ensureDatabase(databaseUrl: string): Promise<{ database: string; created: boolean }> {
  const url = new URL(databaseUrl);
  const database = decodeURIComponent(url.pathname.slice(1));
  if (!database) throw new Error("DATABASE_URL names no database");
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount) return { database, created: false };
    await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
    return { database, created: true };
  } catch (error) {
    // Someone else created it between our check and our CREATE.
    if ((error as { code?: string }).code === "42P04") return { database, created: false };
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * The native schema engine `prisma migrate deploy` would run, if it is really
 * there: PRISMA_SCHEMA_ENGINE_BINARY (unless it is a placeholder such as the
 * empty file scripts/prisma-generate.ts uses), or the binary @prisma/engines
 * downloads at install. Proven by running `--version`.
 */
export function findNativeSchemaEngine(): { path: string; fromEnv: boolean } | null {
  const fromEnv = process.env.PRISMA_SCHEMA_ENGINE_BINARY;
  if (fromEnv) {
    const path = resolve(projectRoot, fromEnv);
    if (isSchemaEngine(path)) return { path, fromEnv: true };
  }
  // Where the prisma CLI looks when the env var is unset.
  const dirs = ["node_modules/@prisma/engines", "node_modules/prisma", "node_modules/prisma/runtime"];
  for (const dir of dirs.map((d) => join(projectRoot, d)).filter((d) => existsSync(d))) {
    for (const name of readdirSync(dir)) {
      if (/^schema-engine-[\w.-]+$/.test(name) && !/\.(gz|sha256|sig)$/.test(name)) {
        const path = join(dir, name);
        if (isSchemaEngine(path)) return { path, fromEnv: false };
      }
    }
  }
  return null;
}

function isSchemaEngine(path: string): boolean {
  try {
    if (!statSync(path).isFile() || statSync(path).size === 0) return false;
    const out = execFileSync(path, ["--version"], { encoding: "utf-8", timeout: 10_000, stdio: "pipe" });
    return out.startsWith("schema-engine");
  } catch {
    return false;
  }
}

function migrateDeploy(databaseUrl: string, native: { path: string; fromEnv: boolean }): void {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: "1" };
  // A placeholder in the env var would win over the real binary the CLI can find itself.
  if (!native.fromEnv) delete env.PRISMA_SCHEMA_ENGINE_BINARY;
  const cli = join(projectRoot, "node_modules", "prisma", "build", "index.js");
  try {
    execFileSync(process.execPath, [cli, "migrate", "deploy"], { cwd: projectRoot, env, encoding: "utf-8", stdio: "pipe" });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`prisma migrate deploy failed:\n${stdout}${stderr}`.trim());
  }
}

/** Names of the migrations _prisma_migrations records as applied (none if it has no table yet). */
async function appliedMigrationNames(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ migration_name: string }>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    return rows.map((row) => row.migration_name);
  } catch (error) {
    if ((error as { code?: string }).code === "42P01") return []; // undefined_table
    throw error;
  } finally {
    await client.end();
  }
}
