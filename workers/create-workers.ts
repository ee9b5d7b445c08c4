/**
 * One BullMQ worker per queue, dispatching each job by name to its handler
 * after validating its payload. Used by the workers process and by tests
 * that need real workers in-process.
 */
import { Worker, type Job } from "bullmq";
import { env } from "../lib/env";
import { createRedis } from "../lib/redis";
import { bullPrefix, QUEUE_NAMES, type QueueName } from "../lib/queue/queues";
import { jobs, type JobDefinition } from "../lib/queue/jobs";
import { handlers } from "./handlers";
import { retryDelay } from "./backoff";
import { abandonSend } from "../lib/channels/send-outbound-message";
import { abandonRoomDelivery } from "../lib/rooms/send-room-delivery";

// Outbound sends mostly wait on the provider, so many run at once.
// File validation reads files and resizes images: CPU and disk bound, so only a few at once.
const CONCURRENCY: Record<QueueName, number> = { "conversation-timers": 8, "outbound-messages": 64, "file-validation": 4 };

async function processJob(job: Job, token?: string): Promise<void> {
  const entry = Object.entries(jobs).find(([, definition]) => definition.name === job.name);
  if (!entry) throw new Error(`Unknown job ${job.name}`);
  const [key, definition] = entry as [keyof typeof handlers, JobDefinition<unknown>];
  const payload = definition.schema.parse(job.data);
  await (handlers[key] as (data: unknown, job: Job, token?: string) => Promise<void>)(payload, job, token);
}

export function createWorkers(queues: readonly QueueName[] = QUEUE_NAMES, log = true): Worker[] {
  return queues.map((name) => {
    const worker = new Worker(name, processJob, {
      connection: createRedis(),
      prefix: bullPrefix(),
      concurrency: CONCURRENCY[name],
      // A worker that dies mid-job loses its lock after this long; the job then runs again (idempotently).
      lockDuration: env.WORKER_LOCK_MS,
      stalledInterval: Math.max(500, Math.floor(env.WORKER_LOCK_MS / 2)),
      // BullMQ's default (1) fails a job that stalled twice without running it; crashes must not drop sends.
      maxStalledCount: 5,
      settings: { backoffStrategy: retryDelay },
    });
    if (name === "outbound-messages") {
      // A send that ran out of attempts on an unexpected error must not stay "queued" forever.
      worker.on("failed", (job, error) => {
        if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
        if (job.name === jobs.roomSmsSend.name) void abandonRoomDelivery(String(job.data?.deliveryId ?? ""), error.message).catch(() => undefined);
        else void abandonSend(String(job.data?.messageId ?? ""), error.message).catch(() => undefined);
      });
    }
    if (log) {
      worker.on("failed", (job, error) => console.error(`[parley-workers] ${name}/${job?.name} ${job?.id} attempt ${job?.attemptsMade} failed: ${error.message}`));
      worker.on("error", (error) => console.error(`[parley-workers] ${name} error: ${error.message}`));
    }
    return worker;
  });
}
