/** The state of what Parley depends on: PostgreSQL, Redis and the job queues (workers listening). */
import { db } from "../db";
import { redis } from "../redis";
import { QUEUE_NAMES, queue } from "../queue/queues";

export interface HealthReport {
  ok: boolean;
  checks: {
    postgres: { ok: boolean; error?: string };
    redis: { ok: boolean; error?: string };
    queues: Record<string, { ok: boolean; workers?: number; waiting?: number; failed?: number; error?: string }>;
  };
  down: string[];
}

const TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS))]);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function checkHealth(): Promise<HealthReport> {
  const [postgres, redisCheck] = await Promise.all([
    withTimeout(db.$queryRaw`SELECT 1`, "PostgreSQL").then(() => ({ ok: true }), (error) => ({ ok: false, error: message(error) })),
    withTimeout(redis().ping(), "Redis").then(() => ({ ok: true }), (error) => ({ ok: false, error: message(error) })),
  ]);
  const queues: HealthReport["checks"]["queues"] = {};
  for (const name of QUEUE_NAMES) {
    if (!redisCheck.ok) {
      queues[name] = { ok: false, error: "Redis is down" };
      continue;
    }
    try {
      const q = queue(name);
      const [workers, counts] = await withTimeout(Promise.all([q.getWorkersCount(), q.getJobCounts("waiting", "failed")]), `queue ${name}`);
      queues[name] = workers > 0
        ? { ok: true, workers, waiting: counts.waiting, failed: counts.failed }
        : { ok: false, workers, waiting: counts.waiting, failed: counts.failed, error: "no worker is listening (is the workers process running?)" };
    } catch (error) {
      queues[name] = { ok: false, error: message(error) };
    }
  }
  const down = [
    ...(postgres.ok ? [] : ["postgres"]),
    ...(redisCheck.ok ? [] : ["redis"]),
    ...Object.entries(queues).filter(([, state]) => !state.ok).map(([name]) => `queue:${name}`),
  ];
  return { ok: down.length === 0, checks: { postgres, redis: redisCheck, queues }, down };
}
