/** Job name -> handler. Each handler parses nothing itself: workers/index.ts validates the payload first. */
import type { Job } from "bullmq";
import type { JobName, JobPayload } from "../lib/queue/jobs";
import { handleOfferTimeout } from "./offer-timeout";

export const handlers: { [K in JobName]: (payload: JobPayload<K>, job: Job) => Promise<void> } = {
  offerTimeout: handleOfferTimeout,
};
