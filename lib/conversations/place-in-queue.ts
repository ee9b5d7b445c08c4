/**
 * A conversation that needs an agent (new, or transferred to a queue) either
 * waits in the queue's picklist (pick mode) or is offered to one available
 * agent (offer mode). When nobody can take an offer it waits in the picklist.
 */
import { db } from "../db";
import { publishAgentEvent, publishQueueChanged } from "../realtime/bus";
import { toPicklistItem } from "./dto";
import { loadSummary } from "./load-summary";
import { offerToNextAgent } from "./offer-to-next-agent";

export async function placeInQueue(conversationId: string): Promise<void> {
  const conversation = await db.conversation.findUniqueOrThrow({
    where: { id: conversationId },
    select: { companyId: true, queueId: true, status: true, queue: { select: { mode: true } } },
  });
  if (conversation.status !== "WAITING") return;
  if (conversation.queue.mode === "OFFER" && (await offerToNextAgent(conversationId))) return;
  const summary = await loadSummary(conversationId);
  publishAgentEvent("picklist:added", { companyId: conversation.companyId, item: toPicklistItem(summary) });
  publishQueueChanged(conversation.companyId, conversation.queueId);
}
