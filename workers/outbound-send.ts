import { DelayedError, type Job } from "bullmq";
import type { JobPayload } from "../lib/queue/jobs";
import { sendOutboundMessage, SendThrottled } from "../lib/channels/send-outbound-message";

/** Sends one message; a number over its send rate delays the job instead of failing it. */
export async function handleOutboundSend(payload: JobPayload<"outboundSend">, job: Job, token?: string): Promise<void> {
  const attempts = job.opts.attempts ?? 1;
  try {
    await sendOutboundMessage({ messageId: payload.messageId, isLastAttempt: job.attemptsMade + 1 >= attempts, attempts });
  } catch (error) {
    if (error instanceof SendThrottled) {
      await job.moveToDelayed(Date.now() + error.waitMs, token);
      throw new DelayedError();
    }
    throw error;
  }
}
