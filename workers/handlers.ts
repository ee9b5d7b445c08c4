/** Job name -> handler. Each handler parses nothing itself: workers/index.ts validates the payload first. */
import type { Job } from "bullmq";
import type { JobName, JobPayload } from "../lib/queue/jobs";
import { handleOfferTimeout } from "./offer-timeout";
import { handleOutboundSend } from "./outbound-send";
import { handleValidateAttachment } from "./validate-attachment";
import { handleRoomSmsSend } from "./room-sms-send";

export const handlers: { [K in JobName]: (payload: JobPayload<K>, job: Job, token?: string) => Promise<void> } = {
  offerTimeout: handleOfferTimeout,
  outboundSend: handleOutboundSend,
  validateAttachment: handleValidateAttachment,
  roomSmsSend: handleRoomSmsSend,
};
