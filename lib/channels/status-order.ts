import type { MessageStatus } from "../generated/prisma/enums";

/** Delivery states only move forward; FAILED ends a message that was not yet delivered. */
const rank: Record<MessageStatus, number> = { RECEIVED: 0, QUEUED: 1, SENT: 2, DELIVERED: 3, READ: 4, FAILED: 2.5 };

export function canMoveTo(current: MessageStatus, next: MessageStatus): boolean {
  if (current === next) return false;
  if (current === "FAILED") return next === "DELIVERED" || next === "READ";
  if (next === "FAILED") return current === "QUEUED" || current === "SENT";
  return rank[next] > rank[current];
}

/** The states a message may be in for `next` to be applied (for a conditional UPDATE). */
export function statesBefore(next: MessageStatus): MessageStatus[] {
  return (Object.keys(rank) as MessageStatus[]).filter((current) => canMoveTo(current, next));
}
