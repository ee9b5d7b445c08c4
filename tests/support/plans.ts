/**
 * What a statement's plan reads: EXPLAIN ANALYZE runs it in a transaction that is rolled back, so nothing it
 * writes stays. For tests that a hot statement reads only the rows it is about, whichever plan PostgreSQL picks.
 */
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * PostgreSQL rightly reads a table of a page or two whole, whatever the statement: that is its cheapest plan. On a
 * young test database (a newcomer's first `npm test`) every statement would then "read the whole table". Filler
 * rows, in a company of their own and written once per database, give Conversation and Message a size that a
 * statement looking rows up by key must not read whole. The planner sees a table's pages as they are, analyzed or
 * not.
 */
const FILLER_CONVERSATIONS = 1_000;
const FILLER_MESSAGES_EACH = 4;
let filled: Promise<void> | undefined;

function tablesOfRealSize(): Promise<void> {
  filled ??= db.$transaction([
    db.$executeRaw`INSERT INTO "Company" (id, name, slug) VALUES ('plan-filler', 'Plan filler', 'plan-filler') ON CONFLICT DO NOTHING`,
    db.$executeRaw`INSERT INTO "Queue" (id, "companyId", name) VALUES ('plan-filler', 'plan-filler', 'Filler') ON CONFLICT DO NOTHING`,
    db.$executeRaw`INSERT INTO "ChannelAddress" (id, "companyId", "queueId", channel, address, label)
      VALUES ('plan-filler', 'plan-filler', 'plan-filler', 'WEBCHAT', 'plan-filler', 'Filler') ON CONFLICT DO NOTHING`,
    db.$executeRaw`INSERT INTO "Contact" (id, "companyId", name) VALUES ('plan-filler', 'plan-filler', 'Filler') ON CONFLICT DO NOTHING`,
    db.$executeRaw`INSERT INTO "Conversation" (id, "companyId", "queueId", "channelAddressId", "contactId", channel, status, "lastSeq", "endedAt")
      SELECT 'plan-filler-' || n, 'plan-filler', 'plan-filler', 'plan-filler', 'plan-filler', 'WEBCHAT', 'ENDED', ${FILLER_MESSAGES_EACH}, now()
      FROM generate_series(1, ${FILLER_CONVERSATIONS}) AS n ON CONFLICT DO NOTHING`,
    db.$executeRaw`INSERT INTO "Message" (id, "conversationId", seq, direction, body, status, "updatedAt")
      SELECT 'plan-filler-' || n || '-' || seq, 'plan-filler-' || n, seq, 'INBOUND', 'A message that fills a page', 'RECEIVED', now()
      FROM generate_series(1, ${FILLER_CONVERSATIONS}) AS n, generate_series(1, ${FILLER_MESSAGES_EACH}) AS seq ON CONFLICT DO NOTHING`,
  ]).then(() => undefined);
  return filled;
}

/** Carries an EXPLAIN's result out of a transaction that must roll back. */
class PlanRead extends Error {
  constructor(readonly plan: unknown) {
    super("plan read");
  }
}

/**
 * Rows the plan's scans of these tables returned or filtered out, over all their loops (an update's own node
 * writes the rows its scans found, and is not counted again). `settings` are planner
 * settings for the statement alone (e.g. "enable_nestloop = off": plan it as PostgreSQL would for tables its
 * statistics call small, where hashing a whole table looks cheaper than looking rows up one by one). The tables
 * hold at least the filler rows above.
 */
export async function rowsRead(statement: Prisma.Sql, tables: string[], options: { settings?: string[]; withinCte?: string } = {}): Promise<number> {
  await tablesOfRealSize();
  const settings = options.settings ?? [];
  const plan = await db
    .$transaction(async (tx) => {
      for (const setting of settings) await tx.$executeRawUnsafe(`SET LOCAL ${setting}`);
      const [row] = await tx.$queryRawUnsafe<Array<{ "QUERY PLAN": unknown }>>(`EXPLAIN (ANALYZE, FORMAT JSON) ${statement.text}`, ...statement.values);
      throw new PlanRead(row!["QUERY PLAN"]);
    })
    .catch((error: unknown) => {
      if (error instanceof PlanRead) return error.plan;
      throw error;
    });
  let total = 0;
  // withinCte: only the scans of that CTE of the statement (`WITH name AS (…)`), e.g. the part a change is about.
  const visit = (node: Record<string, unknown>, counted: boolean) => {
    const inside = counted || node["Subplan Name"] === `CTE ${options.withinCte}`;
    if (inside && String(node["Node Type"]).endsWith("Scan") && tables.includes(String(node["Relation Name"]))) {
      const loops = Number(node["Actual Loops"] ?? 1);
      total += (Number(node["Actual Rows"] ?? 0) + Number(node["Rows Removed by Filter"] ?? 0)) * loops;
    }
    for (const child of (node.Plans as Array<Record<string, unknown>> | undefined) ?? []) visit(child, inside);
  };
  for (const root of plan as Array<{ Plan: Record<string, unknown> }>) visit(root.Plan, options.withinCte === undefined);
  return total;
}
