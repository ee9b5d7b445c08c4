/**
 * The workers process: one BullMQ worker per queue, dispatching each job by
 * name to its handler. On SIGTERM/SIGINT it stops taking jobs, lets the ones
 * in flight finish (BullMQ returns unfinished ones to the queue), closes its
 * connections and exits 0.
 */
import { Worker, type Job } from "bullmq";
import { env } from "../lib/env";
import { db } from "../lib/db";
import { createRedis, redis } from "../lib/redis";
import { bullPrefix, closeQueues, QUEUE_NAMES, type QueueName } from "../lib/queue/queues";
import { jobs, type JobDefinition } from "../lib/queue/jobs";
import { handlers } from "./handlers";
import { retryDelay } from "./backoff";

// Outbound sends mostly wait on the provider, so many run at once.
const CONCURRENCY: Record<QueueName, number> = { "conversation-timers": 8, "outbound-messages": 64 };

async function processJob(job: Job, token?: string): Promise<void> {
  const entry = Object.entries(jobs).find(([, definition]) => definition.name === job.name);
  if (!entry) throw new Error(`Unknown job ${job.name}`);
  const [key, definition] = entry as [keyof typeof handlers, JobDefinition<unknown>];
  const payload = definition.schema.parse(job.data);
  await (handlers[key] as (data: unknown, job: Job, token?: string) => Promise<void>)(payload, job, token);
}

function start(): Worker[] {
  return QUEUE_NAMES.map((name) => {
    const worker = new Worker(name, processJob, {
      connection: createRedis(),
      prefix: bullPrefix(),
      concurrency: CONCURRENCY[name],
      settings: { backoffStrategy: retryDelay },
    });
    worker.on("failed", (job, error) => console.error(`[parley-workers] ${name}/${job?.name} ${job?.id} failed: ${error.message}`));
    worker.on("error", (error) => console.error(`[parley-workers] ${name} error: ${error.message}`));
    return worker;
  });
}

const workers = start();
console.log(`[parley-workers] listening on ${QUEUE_NAMES.join(", ")} (${env.NODE_ENV})`);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`[parley-workers] ${signal}: finishing jobs in flight`);
  await Promise.all(workers.map((worker) => worker.close()));
  await closeQueues();
  await redis().quit().catch(() => undefined);
  await db.$disconnect();
  console.log("[parley-workers] stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
