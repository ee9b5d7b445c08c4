/**
 * Retry delays: the provider's Retry-After when it gave one, else exponential
 * backoff with full jitter (1 s, 2 s, 4 s … capped at 60 s), so retries from
 * many messages do not arrive at the provider in lockstep.
 */
import { RetryableSendError } from "../lib/channels/send-outbound-message";

const BASE_MS = 1000;
const CAP_MS = 60_000;

export function retryDelay(attemptsMade: number, _type?: string, error?: Error): number {
  if (error instanceof RetryableSendError && error.retryAfterMs !== undefined) return Math.min(error.retryAfterMs, CAP_MS) + Math.floor(Math.random() * 100);
  const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attemptsMade - 1));
  return Math.floor(ceiling / 2 + Math.random() * (ceiling / 2));
}
