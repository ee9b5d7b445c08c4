/**
 * A reference taken alongside the delivery scenarios: B2's INSERT in plain
 * SQL, a few times a second while the scenario runs, each timed from when it
 * was due (a wait for the disk counts, as it does for a message).
 *
 * Why: every stored message waits for PostgreSQL to flush its commit to disk,
 * and when a flush stalls, every message due meanwhile waits with it. This
 * machine's disk stalls for 50-400 ms at times and not at others, so a
 * baseline taken a minute earlier cannot tell whether a scenario's p99 met
 * one. B2's closed loop hardly sees a stall anyway: its 8 clients wait it out
 * together, 8 slow samples among tens of thousands. Not a target: it shows
 * whether the bare INSERT was slow at the same moments.
 */
import pg from "pg";
import { createMessageTable, insertMessage } from "../baselines";
import { nowMs, sleep, summarize, type Summary } from "../stats";

const SCHEMA = "bench_commit_probe";

export interface CommitProbeResult extends Summary {
  perSecond: number;
  /** Inserts that took longer than 50 ms. */
  slow: number;
  failed: number;
}

export interface CommitProbe {
  stop(): Promise<CommitProbeResult>;
}

export async function startCommitProbe(databaseUrl: string, perSecond: number): Promise<CommitProbe> {
  const db = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  await db.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await db.query(`CREATE SCHEMA ${SCHEMA}`);
  await createMessageTable(db, SCHEMA);
  const latencies: number[] = [];
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  let failed = 0;
  const loop = (async () => {
    const started = nowMs();
    for (let n = 0; !stopped; n += 1) {
      const due = started + (n * 1000) / perSecond;
      const wait = due - nowMs();
      if (wait > 0) await sleep(wait);
      const insert = insertMessage(db, SCHEMA, n).then(
        () => void latencies.push(nowMs() - due),
        () => void (failed += 1),
      );
      inFlight.add(insert);
      void insert.finally(() => inFlight.delete(insert));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      await Promise.all(inFlight);
      await db.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`).catch(() => undefined);
      await db.end();
      return { ...summarize(latencies), perSecond, slow: latencies.filter((ms) => ms > 50).length, failed };
    },
  };
}

/** Runs `scenario` with the probe alongside. */
export async function withCommitProbe<T>(databaseUrl: string, perSecond: number, scenario: () => Promise<T>): Promise<[T, CommitProbeResult]> {
  const probe = await startCommitProbe(databaseUrl, perSecond);
  const result = await scenario().catch(async (error: unknown) => {
    await probe.stop();
    throw error;
  });
  return [result, await probe.stop()];
}
