import { DelayedError, type Job } from "bullmq";
import { SendThrottled } from "../lib/channels/send-outbound-message";

/** Runs a send; a number over its send rate puts the job back as delayed instead of failing it. */
export async function delayWhenThrottled(job: Job, token: string | undefined, send: (attempt: { isLastAttempt: boolean; attempts: number }) => Promise<void>): Promise<void> {
  const attempts = job.opts.attempts ?? 1;
  try {
    await send({ isLastAttempt: job.attemptsMade + 1 >= attempts, attempts });
  } catch (error) {
    if (error instanceof SendThrottled) {
      await job.moveToDelayed(Date.now() + error.waitMs, token);
      throw new DelayedError();
    }
    throw error;
  }
}
