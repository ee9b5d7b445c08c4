import { DelayedError, type Job } from "bullmq";
import type { JobPayload } from "../lib/queue/jobs";
import { SendThrottled } from "../lib/channels/send-outbound-message";
import { sendRoomDelivery } from "../lib/rooms/send-room-delivery";

/** Sends one group-SMS delivery; a number over its send rate delays the job instead of failing it. */
export async function handleRoomSmsSend(payload: JobPayload<"roomSmsSend">, job: Job, token?: string): Promise<void> {
  const attempts = job.opts.attempts ?? 1;
  try {
    await sendRoomDelivery({ deliveryId: payload.deliveryId, isLastAttempt: job.attemptsMade + 1 >= attempts, attempts });
  } catch (error) {
    if (error instanceof SendThrottled) {
      await job.moveToDelayed(Date.now() + error.waitMs, token);
      throw new DelayedError();
    }
    throw error;
  }
}
