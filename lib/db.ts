/**
 * The one Prisma client. Secret columns (password hashes, provider secrets)
 * are omitted from every query unless a caller opts in explicitly.
 */
import { createHash } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { LRUCache } from "lru-cache";
import { Prisma, PrismaClient } from "./generated/prisma/client";
import { env } from "./env";

/**
 * Names for prepared statements, so each pooled connection parses and plans a query once instead of on
 * every call (measured under load, PostgreSQL's parsing and planning was a large part of its CPU time).
 * Statements with many parameters (batches, long IN lists) vary in text from call to call: they stay
 * unnamed, so connections do not collect one prepared statement per batch size.
 */
const MAX_NAMED_PARAMETERS = 32;
const statementNames = new LRUCache<string, string>({ max: 2_000 });

/** "" leaves a statement unnamed (pg treats an empty name as none). */
function statementName(query: { sql: string; args: unknown[] }): string {
  if (query.args.length > MAX_NAMED_PARAMETERS) return "";
  let name = statementNames.get(query.sql);
  if (!name) {
    name = `parley_${createHash("sha1").update(query.sql).digest("hex").slice(0, 24)}`;
    statementNames.set(query.sql, name);
  }
  return name;
}

function createPool() {
  // Connections stay open once made (pg's default closes one after 10 s idle). The pool hands out its most recently
  // used connection first, so the ones a burst adds sit idle, closed, and the next burst opened them again: each
  // new connection is a new PostgreSQL backend whose catalog caches and prepared statements start empty, and
  // messages queued behind them arrived hundreds of milliseconds late (bench scenario 5, bench/HISTORY.md).
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: env.DB_POOL_SIZE, idleTimeoutMillis: 0 });
  // An idle connection that breaks (PostgreSQL restarted) is dropped and replaced by the pool; unheard, its error
  // would end the process before Prisma's first query attached a listener of its own.
  pool.on("error", (error) => console.error(`[parley] idle database connection lost: ${error.message}`));
  return pool;
}

function createClient(pool: pg.Pool) {
  // db.$disconnect() ends the pool too (queryRows shares it), so a script's process can exit.
  const adapter = new PrismaPg(pool, { statementNameGenerator: statementName, disposeExternalPool: true });
  return new PrismaClient({
    adapter,
    // Under bursts, short transactions queue for a pooled connection; waiting a little beats failing the send.
    transactionOptions: { maxWait: 10_000, timeout: 15_000 },
    omit: {
      user: { passwordHash: true },
      channelAddress: { providerSecret: true },
      apiToken: { tokenHash: true },
    },
  });
}

export type Db = ReturnType<typeof createClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

// One pool and one client per process, also across Next.js dev reloads and bundles.
const globalForDb = globalThis as unknown as { parleyPool?: pg.Pool; parleyDb?: Db };
const pool: pg.Pool = globalForDb.parleyPool ?? createPool();
globalForDb.parleyPool = pool;
export const db: Db = globalForDb.parleyDb ?? createClient(pool);
globalForDb.parleyDb = db;

// PostgreSQL's timestamp (without time zone), as Prisma stores it: UTC.
const TIMESTAMP_OID = 1114;
const parseUtcTimestamp = (text: string) => new Date(`${text.replace(" ", "T")}Z`);
const rowTypes = { getTypeParser: ((oid: number, format?: "text" | "binary") => (oid === TIMESTAMP_OID ? parseUtcTimestamp : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser };

/**
 * Runs one statement on Prisma's own pool and prepared statements, and returns its rows as $queryRaw would
 * (timestamps as UTC dates, JSON parsed), without Prisma's query interpreter: for the statements every message
 * runs (its write, its sends and delivery statuses, picks). There, a $queryRaw cost about 65 µs more CPU than the
 * driver's own call and allocated about 45 KB, a third of what the web process allocated per message; the
 * garbage it left drove the major collections that stalled deliveries (bench/HISTORY.md). Errors are the
 * driver's (a unique violation has code 23505; isUniqueViolation knows both). Not inside a transaction.
 */
export async function queryRows<T>(query: Prisma.Sql): Promise<T[]> {
  const values = query.values.map((value) => (value instanceof Date ? value.toISOString() : value));
  const result = await pool.query({ name: statementName({ sql: query.text, args: values }) || undefined, text: query.text, values, types: rowTypes });
  return result.rows as T[];
}

/**
 * A CTE for single-statement writes whose commit need not wait for the WAL
 * flush: `WITH ${RELAXED_COMMIT} UPDATE … FROM relaxed_commit …`. Only for
 * writes that something else repairs if a database crash (not an app crash)
 * loses the last fraction of a second: a provider's delivery status (the
 * next status or a re-read brings it back), a send recorded as SENT (the
 * stranded-outbox sweep sends it again under the same idempotency key).
 * Never for anything a person wrote.
 */
export const RELAXED_COMMIT = Prisma.sql`relaxed_commit AS (SELECT set_config('synchronous_commit', 'off', true) AS off)`;

export * from "./generated/prisma/enums";
