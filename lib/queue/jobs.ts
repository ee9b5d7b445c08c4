/**
 * Job types: id, queue, payload schema, and retry policy side by side.
 * Enqueue only after the database commit; handlers must be idempotent.
 */
import type { JobsOptions } from "bullmq";
import { z, type ZodType } from "zod";
import type { QueueName } from "./queues";
import { queue } from "./queues";

export interface JobDefinition<T> {
  name: string;
  queue: QueueName;
  schema: ZodType<T>;
  options: JobsOptions;
}

function defineJob<T>(definition: JobDefinition<T>): JobDefinition<T> {
  return definition;
}

export const jobs = {
  /** Ends an offer that the offered agent neither accepted nor declined in time. */
  offerTimeout: defineJob({
    name: "offer-timeout",
    queue: "conversation-timers",
    schema: z.object({ conversationId: z.string().min(1), offeredToId: z.string().min(1) }),
    options: { attempts: 5, backoff: { type: "exponential", delay: 1000 }, removeOnComplete: 1000, removeOnFail: 5000 },
  }),
  /**
   * Sends one stored SMS/WhatsApp message to its provider. Retried with backoff
   * (honouring Retry-After, see workers/backoff.ts) on 429, 5xx and timeouts.
   */
  outboundSend: defineJob({
    name: "outbound-send",
    queue: "outbound-messages",
    schema: z.object({ messageId: z.string().min(1) }),
    options: { attempts: 8, backoff: { type: "provider" }, removeOnComplete: 5000, removeOnFail: 5000 },
  }),
  /** Sends one SMS of a widget (group) SMS conversation to one phone; same retry policy as outboundSend. */
  roomSmsSend: defineJob({
    name: "room-sms-send",
    queue: "outbound-messages",
    schema: z.object({ deliveryId: z.string().min(1) }),
    options: { attempts: 8, backoff: { type: "provider" }, removeOnComplete: 5000, removeOnFail: 5000 },
  }),
  /** Checks one uploaded file by its content against its company's policy; makes a thumbnail for images. */
  validateAttachment: defineJob({
    name: "validate-attachment",
    queue: "file-validation",
    schema: z.object({ attachmentId: z.string().min(1) }),
    options: { attempts: 5, backoff: { type: "exponential", delay: 1000 }, removeOnComplete: 1000, removeOnFail: 5000 },
  }),
};

export type JobName = keyof typeof jobs;
export type JobPayload<K extends JobName> = (typeof jobs)[K] extends JobDefinition<infer T> ? T : never;

/** Adds a job after validating its payload. A given jobId is added at most once. */
export async function enqueue<K extends JobName>(name: K, payload: JobPayload<K>, options: JobsOptions = {}): Promise<void> {
  const definition = jobs[name] as unknown as JobDefinition<JobPayload<K>>;
  const data = definition.schema.parse(payload);
  await queue(definition.queue).add(definition.name, data, { ...definition.options, ...options });
}
