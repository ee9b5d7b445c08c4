/**
 * The one Prisma client. Secret columns (password hashes, provider secrets)
 * are omitted from every query unless a caller opts in explicitly.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient } from "./generated/prisma/client";
import { env } from "./env";

function createClient() {
  const adapter = new PrismaPg({ connectionString: env.DATABASE_URL, max: env.DB_POOL_SIZE });
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

// One client per process, also across Next.js dev reloads and bundles.
const globalForDb = globalThis as unknown as { parleyDb?: Db };
export const db: Db = globalForDb.parleyDb ?? createClient();
globalForDb.parleyDb = db;

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
