/**
 * The pool keeps the connections a burst opened. Closing them when idle made
 * the next burst open new PostgreSQL backends (empty caches, statements
 * prepared again), and messages queued behind them arrived hundreds of
 * milliseconds late.
 */
import { describe, expect, it } from "vitest";
import { connectionSettings, db } from "@/lib/db";

/** Runs `width` queries at once, each holding its connection a moment, and returns the backends that served them. */
async function backendsOfBurst(width: number): Promise<Set<number>> {
  const rows = await Promise.all(Array.from({ length: width }, () => db.$queryRaw<Array<{ pid: number }>>`SELECT pg_backend_pid() AS pid FROM pg_sleep(0.05)`));
  return new Set(rows.map(([row]) => row!.pid));
}

describe("database pool", () => {
  it("a burst after a quiet spell longer than pg's default idle timeout (10 s) is served by the same backends", async () => {
    const first = await backendsOfBurst(8);
    expect(first.size).toBe(8);
    await new Promise((resolve) => setTimeout(resolve, 11_000));
    const second = await backendsOfBurst(8);
    expect([...second].sort()).toEqual([...first].sort());
  }, 30_000);

  it("runs a batched statement on its generic plan instead of planning it again on every call", async () => {
    const counts = await db.$transaction(async (tx) => {
      for (let call = 0; call < 8; call += 1) {
        await tx.$queryRaw`SELECT id FROM "Message" WHERE id = ANY(${[`plan-probe-${call}`, "plan-probe"]}::text[])`;
      }
      return tx.$queryRaw<Array<{ generic: bigint; custom: bigint }>>`
        SELECT generic_plans AS generic, custom_plans AS custom FROM pg_prepared_statements WHERE statement LIKE '%plan-probe%' OR statement LIKE '%FROM "Message" WHERE id = ANY(%'`;
    });
    expect(counts.length).toBeGreaterThan(0);
    expect(counts.reduce((sum, row) => sum + Number(row.custom), 0)).toBe(0);
    expect(counts.reduce((sum, row) => sum + Number(row.generic), 0)).toBeGreaterThanOrEqual(8);
  });

  it("keeps connection options given in DATABASE_URL beside its own", () => {
    const settings = connectionSettings("postgresql://parley:secret@db.example:5432/parley?options=-c%20statement_timeout%3D5000&sslmode=disable");
    expect(settings.options).toBe("-c statement_timeout=5000 -c plan_cache_mode=force_generic_plan");
    expect(settings.connectionString).toBe("postgresql://parley:secret@db.example:5432/parley?sslmode=disable");
  });
});
