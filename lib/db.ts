/**
 * The one Prisma client. Secret columns (password hashes, provider secrets)
 * are omitted from every query unless a caller opts in explicitly.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
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

export * from "./generated/prisma/enums";
