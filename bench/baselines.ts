/**
 * Baselines measured in the same run on the same machine, so every scenario
 * figure can be read as a ratio to what the underlying pieces cost bare:
 * B1 socket.io ack round trip, B2 plain-SQL insert and claim (pg, 8 clients),
 * B3 a no-op BullMQ job, B4 TTFB of a static Next.js route of the app.
 */
import pg from "pg";
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import { io as connect } from "socket.io-client";
import { startChildServer } from "./child-server";
import { ttfb } from "./http";
import { nowMs, pool, summarize, type Summary } from "./stats";

export interface Baselines {
  b1: Summary;
  b2Insert: Summary & { perSecond: number };
  b2Claim: Summary & { perSecond: number };
  /** perSecond: in bulk at concurrency 64 (the judged figure); oneAtATimePerSecond: the add -> completed loop's own rate. */
  b3: Summary & { perSecond: number; oneAtATimePerSecond: number };
  b4: Summary;
}

export interface BaselineSizes {
  b1RoundTrips: number;
  b2Seconds: number;
  b3Sequential: number;
  b3Bulk: number;
  b4Requests: number;
}

/** B1: emit-with-ack round trips, one at a time, to a bare socket.io server in its own process. */
export async function measureB1(root: string, count: number): Promise<Summary> {
  const server = await startChildServer(root, "bare-socket-server.ts");
  try {
    const socket = connect(`http://127.0.0.1:${server.port}`, { transports: ["websocket"], forceNew: true });
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    const samples: number[] = [];
    const body = { t: Date.now(), body: "x".repeat(120) };
    for (let i = 0; i < count + 50; i += 1) {
      const started = nowMs();
      await socket.timeout(5000).emitWithAck("ping", body);
      if (i >= 50) samples.push(nowMs() - started); // the first 50 warm up
    }
    socket.disconnect();
    return summarize(samples);
  } finally {
    server.stop();
  }
}

/** B2's message table, in a schema of the caller's (also used by the paced reference, bench/ceilings/paced-insert.ts). */
export async function createMessageTable(db: pg.Pool, schema: string): Promise<void> {
  await db.query(`CREATE TABLE ${schema}.message (id text PRIMARY KEY, conversation_id text NOT NULL, seq int NOT NULL, direction text NOT NULL,
    body text NOT NULL, status text NOT NULL, client_message_id text, created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL,
    UNIQUE (conversation_id, seq), UNIQUE (conversation_id, client_message_id))`);
}

const MESSAGE_BODY = "A customer message of ordinary length, asking where their parcel is and when it will arrive. Thanks!";

/** B2's INSERT: the n-th message-sized row, committed on its own. */
export async function insertMessage(db: pg.Pool, schema: string, n: number): Promise<void> {
  await db.query(
    `INSERT INTO ${schema}.message (id, conversation_id, seq, direction, body, status, client_message_id, updated_at) VALUES ($1, $2, $3, 'INBOUND', $4, 'RECEIVED', $5, now())`,
    [`m${n}`, `c${n % 200}`, n, MESSAGE_BODY, `client-${n}`],
  );
}

/**
 * B2: the two statements the message and pick paths boil down to, in plain
 * SQL through pg at 8 clients: a message-sized INSERT and a conditional
 * UPDATE claim. Runs in its own schema, dropped afterwards.
 */
export async function measureB2(databaseUrl: string, seconds: number): Promise<{ insert: Summary & { perSecond: number }; claim: Summary & { perSecond: number } }> {
  const clients = 8;
  const db = new pg.Pool({ connectionString: databaseUrl, max: clients });
  try {
    await db.query("DROP SCHEMA IF EXISTS bench_baseline CASCADE");
    await db.query("CREATE SCHEMA bench_baseline");
    await createMessageTable(db, "bench_baseline");
    let seq = 0;
    const insertTimes: number[] = [];
    const insertStart = nowMs();
    const insertEnd = insertStart + seconds * 1000;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (nowMs() < insertEnd) {
          const n = ++seq;
          const started = nowMs();
          await insertMessage(db, "bench_baseline", n);
          insertTimes.push(nowMs() - started);
        }
      }),
    );
    const insertElapsed = (nowMs() - insertStart) / 1000;

    const rows = 50_000;
    await db.query("CREATE TABLE bench_baseline.conversation (id text PRIMARY KEY, status text NOT NULL, assignee_id text, picked_at timestamptz)");
    await db.query("INSERT INTO bench_baseline.conversation (id, status) SELECT 'c' || g, 'WAITING' FROM generate_series(1, $1::int) g", [rows]);
    await db.query("ANALYZE bench_baseline.conversation");
    let next = 0;
    let claimed = 0;
    const claimTimes: number[] = [];
    const claimStart = nowMs();
    const claimEnd = claimStart + seconds * 1000;
    await Promise.all(
      Array.from({ length: clients }, async (_, client) => {
        while (nowMs() < claimEnd && next < rows) {
          const id = `c${(next++ % rows) + 1}`;
          const started = nowMs();
          const result = await db.query("UPDATE bench_baseline.conversation SET status = 'ACTIVE', assignee_id = $2, picked_at = now() WHERE id = $1 AND status = 'WAITING'", [id, `agent-${client}`]);
          claimTimes.push(nowMs() - started);
          claimed += result.rowCount ?? 0;
        }
      }),
    );
    const claimElapsed = (nowMs() - claimStart) / 1000;
    return {
      insert: { ...summarize(insertTimes), perSecond: insertTimes.length / insertElapsed },
      claim: { ...summarize(claimTimes), perSecond: claimed / claimElapsed },
    };
  } finally {
    await db.query("DROP SCHEMA IF EXISTS bench_baseline CASCADE").catch(() => undefined);
    await db.end();
  }
}

/** B3: a no-op BullMQ job, add -> completed, one at a time (latency) and in bulk (jobs/s), worker concurrency 64 as Parley's outbound queue. */
export async function measureB3(redisUrl: string, prefix: string, sequential: number, bulk: number): Promise<Baselines["b3"]> {
  const connection = () => new Redis(redisUrl, { maxRetriesPerRequest: null });
  const name = "bench-noop";
  const fullPrefix = `${prefix}:bull-baseline`;
  const queue = new Queue(name, { connection: connection(), prefix: fullPrefix });
  let completed = 0;
  const waiting = new Map<string, () => void>();
  // The worker runs in this process, so "completed" is seen the moment BullMQ reports it.
  const worker = new Worker(name, async () => undefined, { connection: connection(), prefix: fullPrefix, concurrency: 64 });
  worker.on("completed", (job) => {
    completed += 1;
    waiting.get(job.id ?? "")?.();
  });
  try {
    await worker.waitUntilReady();
    const samples: number[] = [];
    const loopStarted = nowMs();
    for (let i = 0; i < sequential; i += 1) {
      const id = `seq-${i}`;
      const started = nowMs();
      const done = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("B3: job did not complete within 10 s")), 10_000);
        waiting.set(id, () => {
          clearTimeout(timer);
          resolve();
        });
      });
      await queue.add("noop", { i }, { jobId: id, removeOnComplete: true });
      await done;
      waiting.delete(id);
      samples.push(nowMs() - started);
    }
    const oneAtATimePerSecond = sequential / ((nowMs() - loopStarted) / 1000);
    completed = 0;
    const started = nowMs();
    await pool(Math.ceil(bulk / 500), 4, async (batch) => {
      const size = Math.min(500, bulk - batch * 500);
      await queue.addBulk(Array.from({ length: size }, (_, j) => ({ name: "noop", data: { j }, opts: { removeOnComplete: true } })));
    });
    const deadline = Date.now() + 120_000;
    while (completed < bulk && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    const perSecond = completed / ((nowMs() - started) / 1000);
    return { ...summarize(samples), perSecond, oneAtATimePerSecond };
  } finally {
    await worker.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
}

/** B4: TTFB of a static (prerendered) route of the app, sequential requests. */
export async function measureB4(path: string, count: number): Promise<Summary> {
  for (let i = 0; i < 10; i += 1) await ttfb(path);
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const { ms, status } = await ttfb(path);
    if (status !== 200) throw new Error(`B4: ${path} answered ${status}`);
    samples.push(ms);
  }
  return summarize(samples);
}
