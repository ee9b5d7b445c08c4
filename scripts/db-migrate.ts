/**
 * `npm run db:migrate`: creates the database in DATABASE_URL if needed and
 * applies the pending migrations in prisma/migrations, like
 * `prisma migrate deploy` (which it runs when the native schema engine is
 * installed; offline installs use Prisma's wasm engine instead, see
 * scripts/lib/migrate.ts). Safe to run again: then it changes nothing.
 */
import { runMigrations } from "./lib/migrate";

const databaseUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/parley";

try {
  const run = await runMigrations(databaseUrl);
  const created = run.created ? " (created)" : "";
  const what = run.applied.length
    ? `applied ${run.applied.length} migration(s): ${run.applied.join(", ")}`
    : "already up to date";
  console.log(`[parley] database "${run.database}"${created}: ${what} [${run.engine} schema engine]`);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`[parley] database migration failed: ${message}`);
  process.exit(1);
}
