/**
 * Pick: the first agent to claim a waiting conversation gets it. The claim is
 * one conditional UPDATE (status must still be WAITING, the picker must be a
 * member of its queue), so when many agents pick at once PostgreSQL lets
 * exactly one through; the others are told who won. The claim, its PICKED
 * event and the picker's summary are one statement (one round trip, atomic),
 * and picks that arrive together share it: picks are what agents race on, so
 * the winner's path is kept short and only a miss pays for finding out why.
 */
import { randomUUID } from "node:crypto";
import { queryRows } from "../db";
import { Prisma } from "../generated/prisma/client";
import { AppError } from "../errors";
import type { Principal } from "../auth/principal";
import { inFlightBatches, oneOf } from "../batching";
import { publishAgentEvent, publishPicklistRemoval, publishQueueChanged } from "../realtime/bus";
import { findVisibleConversation } from "./access";
import { toSummaryDto, type ConversationSummaryDto, type SummaryRow } from "./dto";

export async function pickConversation(options: {
  principal: Principal;
  conversationId: string;
  /** The socket that asked (socket.io request): its acknowledgement carries the summary, so it is spared "conversation:assigned". */
  askingSocketId?: string;
}): Promise<ConversationSummaryDto> {
  const { principal, conversationId, askingSocketId } = options;
  const summary = await claim({ principal, conversationId });
  if (summary instanceof AppError) throw summary;
  if (!summary) throw await whyNotPicked(principal, conversationId);

  publishPicklistRemoval(principal.companyId, summary.queueId, { conversationId, reason: "picked", byName: principal.name });
  publishAgentEvent("conversation:assigned", { userId: principal.userId, conversation: summary }, { exceptSocketId: askingSocketId });
  publishQueueChanged(principal.companyId, summary.queueId);
  return summary;
}

export interface ClaimRequest {
  principal: Principal;
  conversationId: string;
}

/** Concurrent picks (an agent race) share one statement per round trip. */
const claim = inFlightBatches(async (requests: ClaimRequest[]) => {
  try {
    return await claimMany(requests);
  } catch (error) {
    // The statement is atomic, so nothing of it happened: a batch that failed (e.g. chosen as a deadlock victim
    // against another process's batch) is tried again one pick at a time, so one bad pick fails only itself.
    if (requests.length === 1) throw error;
    return Promise.all(requests.map(async (request) => (await claimMany([request]))[0]!));
  }
});

/**
 * Claims for many picks at once, in one statement. A conversation asked for by several pickers in one batch
 * goes to the first who may pick it (so a first asker who may not does not block the rest); the others are
 * told who was first, as if they had asked a moment later. Answers each winner with the summary as the
 * picker sees it (the same fields as loadSummary, checked by a test). A member who lost to someone else is
 * told why from the same statement (in a race most misses are that); any other miss is null, and
 * whyNotPicked finds out.
 */
async function claimMany(requests: ClaimRequest[]): Promise<ClaimResult[]> {
  const eventIds: string[] = requests.map(() => randomUUID());
  const rows = await queryRows<ClaimedRow>(claimStatement(requests, eventIds));
  const won = new Map(rows.filter((row) => row.id !== null).map((row) => [row.id, row]));
  const missed = new Map((rows[0]?.missed ?? []).map((miss) => [miss.conversationId, miss]));
  const eligible = new Set(rows[0]?.eligible ?? []);
  const askerOf = new Map(requests.map((request, i) => [eventIds[i]!, request]));
  return requests.map((request, i) => {
    const row = won.get(request.conversationId);
    if (row && row.eventId !== eventIds[i]) {
      // Someone earlier in this batch got it: a member is told who; anyone else finds out why not from whyNotPicked.
      if (!eligible.has(eventIds[i]!)) return null;
      const winner = askerOf.get(row.eventId)!.principal;
      return refusal(request.principal, { status: "ACTIVE", assigneeId: winner.userId, assigneeName: winner.name });
    }
    if (!row) {
      const miss = missed.get(request.conversationId);
      return miss ? refusal(request.principal, miss) : null;
    }
    const { eventId: _event, queueName, contactId, contactName, contactEmail, contactPhone, unread, missed: _missed, eligible: _eligible, ...conversation } = row;
    return toSummaryDto({ ...conversation, queue: { name: queueName }, contact: { id: contactId, name: contactName, email: contactEmail, phone: contactPhone } }, unread);
  });
}

/**
 * The statement of claimMany; exported for a test of its plan. Conversations are looked up per request (LIMIT keeps
 * PostgreSQL from turning the lookup into a join), and the claim names the asked-for ids (`askedIds`): joined by the
 * batch's column alone, PostgreSQL hashed the whole table whenever it looked small next to the batch, and a race's
 * first run read every conversation about once per batch.
 */
export function claimStatement(requests: ClaimRequest[], eventIds: string[]): Prisma.Sql {
  const askedIds = oneOf(Prisma.sql`c.id`, [...new Set(requests.map((r) => r.conversationId))]);
  return Prisma.sql`
    WITH req AS (
      SELECT * FROM unnest(${requests.map((r) => r.conversationId)}::text[], ${requests.map((r) => r.principal.userId)}::text[],
                           ${requests.map((r) => r.principal.companyId)}::text[], ${eventIds}::text[])
        WITH ORDINALITY AS r(conversation_id, user_id, company_id, event_id, asked)
    ), eligible AS (
      -- Askers who may pick what they asked for: it is their company's, and they are members of its queue.
      SELECT req.* FROM req
      CROSS JOIN LATERAL (
        SELECT c."queueId" FROM "Conversation" AS c WHERE c.id = req.conversation_id AND c."companyId" = req.company_id LIMIT 1
      ) AS c
      WHERE EXISTS (SELECT 1 FROM "QueueMember" m WHERE m."queueId" = c."queueId" AND m."userId" = req.user_id)
    ), first_eligible AS (
      -- Per conversation, the first of them: an UPDATE … FROM with two matching rows would take either.
      -- Ordered by conversation: every batch locks rows in the same order, so two batches never wait on each other crosswise.
      SELECT DISTINCT ON (conversation_id) * FROM eligible ORDER BY conversation_id, asked
    ), claimed AS (
      UPDATE "Conversation" AS c
      SET status = 'ACTIVE', "assigneeId" = req.user_id, "pickedAt" = (now() AT TIME ZONE 'UTC'), "offeredToId" = NULL, "offerExpiresAt" = NULL
      FROM first_eligible AS req
      WHERE c.id = req.conversation_id AND c.status = 'WAITING' AND ${askedIds}
      RETURNING c.*, req.event_id
    ), picked AS (
      INSERT INTO "ConversationEvent" (id, "conversationId", type, "actorId", "createdAt")
      SELECT event_id, id, 'PICKED', "assigneeId", "pickedAt" FROM claimed
    ), missed AS (
      -- What the snapshot of this statement shows of a conversation this member did not get. One that still looks
      -- WAITING was taken by a statement that committed meanwhile (or is not theirs to pick): whyNotPicked reads it again.
      SELECT req.conversation_id AS "conversationId", c.status::text AS status, c."assigneeId", c."assigneeName"
      FROM req
      CROSS JOIN LATERAL (
        SELECT c.status, c."queueId", c."assigneeId", u.name AS "assigneeName" FROM "Conversation" AS c LEFT JOIN "User" AS u ON u.id = c."assigneeId"
        WHERE c.id = req.conversation_id AND c."companyId" = req.company_id LIMIT 1
      ) AS c
      WHERE c.status <> 'WAITING' AND EXISTS (SELECT 1 FROM "QueueMember" m WHERE m."queueId" = c."queueId" AND m."userId" = req.user_id)
    ), won AS (
      SELECT c.event_id AS "eventId", c.id, c."queueId", c.channel::text AS channel, c.status::text AS status, c."assigneeId", c."pickedAt", c."arrivedAt",
             c."lastMessageAt", c."lastSeq", c.preview, c."windowExpiresAt", c."endedAt", q.name AS "queueName",
             k.id AS "contactId", k.name AS "contactName", k.email AS "contactEmail", k.phone AS "contactPhone",
             (SELECT count(*)::int FROM "Message" AS m
                LEFT JOIN "ConversationReadState" AS r ON r."conversationId" = m."conversationId" AND r."userId" = c."assigneeId"
                WHERE m."conversationId" = c.id AND m.direction = 'INBOUND' AND m.seq > COALESCE(r."lastReadSeq", 0)) AS unread
      FROM claimed AS c JOIN "Queue" AS q ON q.id = c."queueId" JOIN "Contact" AS k ON k.id = c."contactId"
    )
    SELECT (SELECT COALESCE(json_agg(missed), '[]'::json) FROM missed) AS missed,
           (SELECT COALESCE(json_agg(event_id), '[]'::json) FROM eligible) AS eligible, won.* FROM (SELECT 1) AS one LEFT JOIN won ON true`;
}

/** A winner's summary, a refusal the statement could explain, or null: whyNotPicked must find out. */
type ClaimResult = ConversationSummaryDto | AppError | null;

interface Miss {
  conversationId: string;
  status: string;
  assigneeId: string | null;
  assigneeName: string | null;
}

/** A summary's columns, flat (the claim statement joins queue and contact itself), next to the batch's misses. */
type ClaimedRow = Omit<SummaryRow, "queue" | "contact"> & {
  missed: Miss[];
  /** The PICKED event ids of the requests that were allowed to pick what they asked for. */
  eligible: string[];
  /** Which request of the batch won: the PICKED event it asked to write. */
  eventId: string;
  queueName: string;
  contactId: string;
  contactName: string;
  contactEmail: string | null;
  contactPhone: string | null;
  unread: number;
};

/** The claim matched nothing: not visible (404), not a member of its queue (403), or someone was first (409). One query. */
async function whyNotPicked(principal: Principal, conversationId: string): Promise<AppError> {
  const current = await findVisibleConversation(principal, conversationId, {
    status: true,
    assigneeId: true,
    assignee: { select: { name: true } },
    queue: { select: { members: { where: { userId: principal.userId }, select: { userId: true } } } },
  });
  if (current.queue.members.length === 0) return new AppError("FORBIDDEN", "You can only pick conversations of queues you belong to.");
  return refusal(principal, { status: current.status, assigneeId: current.assigneeId, assigneeName: current.assignee?.name ?? null });
}

/** Why a member of the queue cannot pick a conversation that is no longer waiting. */
function refusal(principal: Principal, current: Pick<Miss, "status" | "assigneeId" | "assigneeName">): AppError {
  if (current.assigneeId === principal.userId && current.status === "ACTIVE") return new AppError("CONFLICT", "You have already picked this conversation.");
  if (current.status === "ENDED") return new AppError("CONFLICT", "This conversation has already ended.");
  if (current.status === "OFFERED") return new AppError("CONFLICT", "This conversation is being offered to another agent.");
  return new AppError("CONFLICT", `Already picked by ${current.assigneeName ?? "another agent"}.`);
}
