/**
 * The pool keeps the connections a burst opened. Closing them when idle made
 * the next burst open new PostgreSQL backends (empty caches, statements
 * prepared again), and messages queued behind them arrived hundreds of
 * milliseconds late.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";

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
});
