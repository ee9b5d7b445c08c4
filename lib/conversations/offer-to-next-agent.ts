/**
 * Offer mode: hand a waiting conversation to the online queue member with the
 * fewest active conversations who has not yet declined or let it time out.
 * The offer expires through a delayed BullMQ job (workers/offer-timeout.ts).
 */
import { db } from "../db";
import { env } from "../env";
import { enqueue } from "../queue/jobs";
import { publishAgentEvent, publishPicklistRemoval, publishQueueChanged } from "../realtime/bus";
import { onlineUserIds } from "../realtime/presence";
import { loadSummary } from "./load-summary";

/** Returns true when an offer was made, false when no agent is available. */
export async function offerToNextAgent(conversationId: string): Promise<boolean> {
  const conversation = await db.conversation.findUniqueOrThrow({
    where: { id: conversationId },
    select: {
      companyId: true,
      queueId: true,
      status: true,
      queue: { select: { members: { select: { userId: true } } } },
      events: { where: { type: { in: ["DECLINED", "OFFER_TIMED_OUT"] } }, select: { targetUserId: true } },
    },
  });
  if (conversation.status !== "WAITING") return false;

  const passed = new Set(conversation.events.map((event) => event.targetUserId));
  const members = conversation.queue.members.map((m) => m.userId).filter((id) => !passed.has(id));
  const online = await onlineUserIds(members);
  const candidates = members.filter((id) => online.has(id));
  if (candidates.length === 0) return false;

  const load = await db.conversation.groupBy({ by: ["assigneeId"], where: { assigneeId: { in: candidates }, status: "ACTIVE" }, _count: true });
  const active = new Map(load.map((row) => [row.assigneeId, row._count]));
  const chosen = [...candidates].sort((a, b) => (active.get(a) ?? 0) - (active.get(b) ?? 0))[0]!;

  const expiresAt = new Date(Date.now() + env.OFFER_TIMEOUT_SECONDS * 1000);
  const offered = await db.$transaction(async (tx) => {
    const { count } = await tx.conversation.updateMany({
      where: { id: conversationId, status: "WAITING" },
      data: { status: "OFFERED", offeredToId: chosen, offerExpiresAt: expiresAt },
    });
    if (count === 0) return null;
    return tx.conversationEvent.create({ data: { conversationId, type: "OFFERED", targetUserId: chosen }, select: { id: true } });
  });
  if (!offered) return false;

  await enqueue("offerTimeout", { conversationId, offeredToId: chosen }, { delay: env.OFFER_TIMEOUT_SECONDS * 1000, jobId: `offer-${offered.id}` });
  const summary = await loadSummary(conversationId, chosen);
  publishPicklistRemoval(conversation.companyId, conversation.queueId, { conversationId, reason: "offered" });
  publishAgentEvent("offer:received", { userId: chosen, conversation: summary, expiresAt: expiresAt.toISOString() });
  publishQueueChanged(conversation.companyId, conversation.queueId);
  return true;
}
