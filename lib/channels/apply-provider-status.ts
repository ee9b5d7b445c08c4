/**
 * A delivery status from a provider (callback or webhook). Applied with a
 * conditional UPDATE so a late or repeated status never moves a message
 * backwards; the message id echoed by the provider reconciles a send whose
 * answer we never recorded (a worker crash between the call and the commit).
 */
import { db, RELAXED_COMMIT } from "../db";
import { Prisma } from "../generated/prisma/client";
import { publishAgentEvent } from "../realtime/bus";
import { messageSelect, toMessageDto } from "../conversations/dto";
import type { ChannelModule, StatusEvent } from "./types";
import { isOptOut, sentItemMatch, statusUpdate } from "./status-update";
import { deliverToCustomer } from "./deliver-to-customer";
import { updateFoundMessagesReturning, type UpdatedMessage } from "../messages/update-message-returning";
import { batchRows, inFlightBatches } from "../batching";

/** What a provider status did: moved a message forward, matched one it would not move, or matched no message. */
export type StatusOutcome = "applied" | "stale" | "no-message";

/**
 * One statement finds the message (by the provider's id, or ours echoed back before we recorded theirs) and moves
 * its status forward, and tells a status that would not move it ("sent" after we recorded the send) from one about
 * no message of this company (a group-SMS delivery, for instance). Every text sent brings two or three of these, so
 * statuses that arrive together share the statement.
 */
export async function applyProviderStatus(channelModule: ChannelModule, companyId: string, event: StatusEvent): Promise<StatusOutcome> {
  const { outcome, updated } = await applyStatus({ channelModule, companyId, event });
  if (!updated) return outcome;
  if (isOptOut(channelModule, event)) await markOptedOut(updated.conversation.id);
  await publishMessageChange(updated);
  return outcome;
}

export interface StatusRequest {
  channelModule: ChannelModule;
  companyId: string;
  event: StatusEvent;
}

interface StatusResult {
  outcome: StatusOutcome;
  updated?: UpdatedMessage;
}

const applyStatus = inFlightBatches(async (requests: StatusRequest[]): Promise<StatusResult[]> => {
  try {
    return await applyStatuses(requests);
  } catch (error) {
    // Nothing of a failed statement happened (e.g. a deadlock victim against a worker's batch): one at a time.
    if (requests.length === 1) throw error;
    return Promise.all(requests.map(async (request) => (await applyStatuses([request]))[0]!));
  }
});

/** The keys a status may find its message by: the provider's id, and ours when echoed. */
function matchKeys({ channelModule, event }: StatusRequest): string[] {
  return sentItemMatch(channelModule, event).map((match) => ("id" in match ? `id:${match.id}` : `provider:${match.provider}:${match.providerMessageId}`));
}

async function applyStatuses(requests: StatusRequest[]): Promise<StatusResult[]> {
  // Statuses that may be about the same message ("sent" and "delivered" arriving together) go to the next
  // statement in arrival order, so each is applied as if it had come alone.
  const keys = new Set<string>();
  const now: StatusRequest[] = [];
  const later: StatusRequest[] = [];
  for (const request of requests) {
    const mine = matchKeys(request);
    if (mine.some((key) => keys.has(key))) later.push(request);
    else {
      now.push(request);
      for (const key of mine) keys.add(key);
    }
  }
  const { update, ctes } = statusStatement(now);
  const { found, updated } = await updateFoundMessagesReturning(update, ctes);
  const changedById = new Map(updated.map((change) => [change.message.id, change]));
  const results = now.map((_request, tag): StatusResult => {
    const mine = found.filter((match) => match.tag === tag);
    const change = mine.map((match) => changedById.get(match.id)).find(Boolean);
    return change ? { outcome: "applied", updated: change } : { outcome: mine.length ? "stale" : "no-message" };
  });
  const laterResults = later.length ? await applyStatuses(later) : [];
  return requests.map((request) => (now.includes(request) ? results[now.indexOf(request)]! : laterResults[later.indexOf(request)]!));
}

/**
 * The statement that applies statuses about different messages: `found` matches each to its message (tag = its
 * index in `requests`), the update moves those it may move forward. Exported for a test of its plan.
 */
export function statusStatement(requests: StatusRequest[]): { update: Prisma.Sql; ctes: Prisma.Sql } {
  const changes = requests.map((request) => ({ request, ...statusUpdate(request.channelModule, request.event) }));
  const column = <T>(pick: (change: (typeof changes)[number], index: number) => T) => changes.map(pick);
  return {
    update: Prisma.sql`
      UPDATE "Message" AS m
      SET status = found.status::"MessageStatus", provider = found.provider, "providerMessageId" = found.provider_message_id,
          "updatedAt" = (now() AT TIME ZONE 'UTC'),
          "failureCode" = CASE WHEN found.status = 'FAILED' THEN found.failure_code ELSE m."failureCode" END,
          "failureReason" = CASE WHEN found.status = 'FAILED' THEN found.failure_reason ELSE m."failureReason" END
      FROM relaxed_commit, found
      WHERE m.id = found.id AND m.status::text = ANY(string_to_array(found.allowed, ','))
      RETURNING m.*`,
    ctes: Prisma.sql`${RELAXED_COMMIT}, found AS (
      SELECT DISTINCT ON (m.id) m.id, req.tag, req.status, req.provider, req.provider_message_id, req.allowed, req.failure_code, req.failure_reason
      FROM ${batchRows("req", [
        { name: "tag", type: "int", values: column((_, i) => i) },
        { name: "company_id", type: "text", values: column((c) => c.request.companyId) },
        { name: "provider", type: "text", values: column((c) => c.data.provider) },
        { name: "provider_message_id", type: "text", values: column((c) => c.request.event.providerMessageId) },
        { name: "echoed_id", type: "text", values: column((c) => c.request.event.messageId ?? null) },
        { name: "status", type: "text", values: column((c) => c.data.status) },
        { name: "allowed", type: "text", values: column((c) => c.where.status.in.join(",")) },
        { name: "failure_code", type: "text", values: column((c) => ("failureCode" in c.data ? c.data.failureCode : null)) },
        { name: "failure_reason", type: "text", values: column((c) => ("failureReason" in c.data ? c.data.failureReason : null)) },
      ])}
      -- A lookup per key, each by its own index. As one OR'ed join condition, the plan depended on the tables'
      -- statistics, and on small ones it read every conversation of the company and its messages (0.9 ms a status).
      CROSS JOIN LATERAL (
        SELECT byProvider.id, byProvider."conversationId" FROM "Message" AS byProvider
        WHERE byProvider.provider = req.provider AND byProvider."providerMessageId" = req.provider_message_id
        UNION ALL
        SELECT echoed.id, echoed."conversationId" FROM "Message" AS echoed
        WHERE echoed.id = req.echoed_id AND echoed."providerMessageId" IS NULL
      ) AS m
      -- The company's own messages only. A lookup per match (LIMIT keeps PostgreSQL from turning it into a join):
      -- as a join it hashed the whole "Conversation" table whenever that looked small next to the batch.
      CROSS JOIN LATERAL (
        SELECT 1 FROM "Conversation" AS c WHERE c.id = m."conversationId" AND c."companyId" = req.company_id LIMIT 1
      ) AS owned
      ORDER BY m.id, req.tag)`,
  };
}

export async function markOptedOut(conversationId: string): Promise<void> {
  const conversation = await db.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: { contactId: true } });
  await db.contact.updateMany({ where: { id: conversation.contactId, optedOutAt: null }, data: { optedOutAt: new Date() } });
}

/** Tells the agents (and the customer's page, if any) about a changed message. */
export async function publishMessageChange({ message, conversation }: UpdatedMessage): Promise<void> {
  publishAgentEvent("message:updated", { assigneeId: conversation.assigneeId, message });
  await deliverToCustomer(conversation, message, "updated");
}

/** Re-reads a message after a change made elsewhere and publishes it. */
export async function publishMessageUpdate(messageId: string): Promise<void> {
  const row = await db.message.findUniqueOrThrow({ where: { id: messageId }, select: { ...messageSelect, conversation: { select: { id: true, assigneeId: true, contactId: true, channel: true } } } });
  await publishMessageChange({ message: toMessageDto(row), conversation: row.conversation });
}
