import type { Job } from "bullmq";
import type { JobPayload } from "../lib/queue/jobs";
import { sendOutboundMessage } from "../lib/channels/send-outbound-message";
import { delayWhenThrottled } from "./when-throttled";

/** Sends one message to its customer's provider. */
export async function handleOutboundSend(payload: JobPayload<"outboundSend">, job: Job, token?: string): Promise<void> {
  await delayWhenThrottled(job, token, (attempt) => sendOutboundMessage({ messageId: payload.messageId, ...attempt }));
}
