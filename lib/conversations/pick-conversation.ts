/**
 * Pick: the first agent to claim a waiting conversation gets it. The claim is
 * one conditional UPDATE (status must still be WAITING, the picker must be a
 * member of its queue), so when many agents pick at once PostgreSQL lets
 * exactly one through; the others are told who won. The claim and its PICKED
 * event are one statement (one round trip, atomic): picks are what agents
 * race on, so the winner's path is kept short and only a miss pays for
 * finding out why.
 */
import { randomUUID } from "node:crypto";
import { db } from "../db";
import { AppError } from "../errors";
import type { Principal } from "../auth/principal";
import { publishAgentEvent } from "../realtime/bus";
import { findVisibleConversation } from "./access";
import { loadSummary } from "./load-summary";
import type { ConversationSummaryDto } from "./dto";

export async function pickConversation(options: { principal: Principal; conversationId: string }): Promise<ConversationSummaryDto> {
  const { principal, conversationId } = options;
  const [claimed] = await db.$queryRaw<Array<{ queueId: string }>>`
    WITH claimed AS (
      UPDATE "Conversation" AS c
      SET status = 'ACTIVE', "assigneeId" = ${principal.userId}, "pickedAt" = (now() AT TIME ZONE 'UTC'), "offeredToId" = NULL, "offerExpiresAt" = NULL
      WHERE c.id = ${conversationId} AND c."companyId" = ${principal.companyId} AND c.status = 'WAITING'
        AND EXISTS (SELECT 1 FROM "QueueMember" m WHERE m."queueId" = c."queueId" AND m."userId" = ${principal.userId})
      RETURNING c.id, c."queueId", c."pickedAt"
    ), picked AS (
      INSERT INTO "ConversationEvent" (id, "conversationId", type, "actorId", "createdAt")
      SELECT ${randomUUID()}, id, 'PICKED', ${principal.userId}, "pickedAt" FROM claimed
    )
    SELECT "queueId" FROM claimed`;
  if (!claimed) throw await whyNotPicked(principal, conversationId);

  const summary = await loadSummary(conversationId, principal.userId);
  publishAgentEvent("picklist:removed", { companyId: principal.companyId, queueId: claimed.queueId, conversationId, reason: "picked", byName: principal.name });
  publishAgentEvent("conversation:assigned", { userId: principal.userId, conversation: summary });
  publishAgentEvent("queue:changed", { companyId: principal.companyId, queueId: claimed.queueId });
  return summary;
}

/** The claim matched nothing: not visible (404), not a member of its queue (403), or someone was first (409). */
async function whyNotPicked(principal: Principal, conversationId: string): Promise<AppError> {
  const conversation = await findVisibleConversation(principal, conversationId, {
    queue: { select: { members: { where: { userId: principal.userId }, select: { userId: true } } } },
  });
  if (conversation.queue.members.length === 0) return new AppError("FORBIDDEN", "You can only pick conversations of queues you belong to.");
  return alreadyTaken(conversationId, principal.userId);
}

async function alreadyTaken(conversationId: string, userId: string): Promise<AppError> {
  const current = await db.conversation.findUniqueOrThrow({
    where: { id: conversationId },
    select: { status: true, assigneeId: true, assignee: { select: { name: true } } },
  });
  if (current.assigneeId === userId && current.status === "ACTIVE") return new AppError("CONFLICT", "You have already picked this conversation.");
  if (current.status === "ENDED") return new AppError("CONFLICT", "This conversation has already ended.");
  if (current.status === "OFFERED") return new AppError("CONFLICT", "This conversation is being offered to another agent.");
  return new AppError("CONFLICT", `Already picked by ${current.assignee?.name ?? "another agent"}.`);
}
