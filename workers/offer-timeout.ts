import type { JobPayload } from "../lib/queue/jobs";
import { expireOffer } from "../lib/conversations/respond-to-offer";

/** A timed-out offer moves to the next available agent (idempotent: a stale timer does nothing). */
export async function handleOfferTimeout(payload: JobPayload<"offerTimeout">): Promise<void> {
  await expireOffer(payload);
}
