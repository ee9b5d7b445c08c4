/**
 * The queues of Parley, declared once. Each job type names its queue, its
 * payload schema and its retry policy in lib/queue/jobs.ts; handlers live in
 * workers/.
 */
import { Queue } from "bullmq";
import { env } from "../env";
import { createRedis } from "../redis";

export const QUEUE_NAMES = ["conversation-timers", "outbound-messages", "file-validation"] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

const globalForQueues = globalThis as unknown as { parleyQueues?: Map<QueueName, Queue> };

export function queue(name: QueueName): Queue {
  globalForQueues.parleyQueues ??= new Map();
  let existing = globalForQueues.parleyQueues.get(name);
  if (!existing) {
    existing = new Queue(name, { connection: createRedis(), prefix: bullPrefix() });
    globalForQueues.parleyQueues.set(name, existing);
  }
  return existing;
}

export function bullPrefix(): string {
  return `${env.REDIS_PREFIX}:bull`;
}

export async function closeQueues(): Promise<void> {
  const open = globalForQueues.parleyQueues;
  if (!open) return;
  await Promise.all([...open.values()].map((q) => q.close()));
  open.clear();
}
