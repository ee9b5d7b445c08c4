import type { Job } from "bullmq";
import type { JobPayload } from "../lib/queue/jobs";
import { sendRoomDelivery } from "../lib/rooms/send-room-delivery";
import { delayWhenThrottled } from "./when-throttled";

/** Sends one group-SMS delivery of a widget conversation. */
export async function handleRoomSmsSend(payload: JobPayload<"roomSmsSend">, job: Job, token?: string): Promise<void> {
  await delayWhenThrottled(job, token, (attempt) => sendRoomDelivery({ deliveryId: payload.deliveryId, ...attempt }));
}
