/**
 * Status changes (provider callbacks, "sent", "failed") happen on every
 * outbound text, often several times per message. Each one must also tell the
 * agents and the customer's page, which needs the whole message. Instead of
 * an UPDATE followed by a re-read, one statement updates and returns the
 * message with its author, files and conversation: one round trip per change.
 * A test checks the result equals what messageSelect reads.
 */
import type { Channel } from "../generated/prisma/enums";
import { Prisma } from "../generated/prisma/client";
import { queryRows } from "../db";
import { toMessageDto, type MessageDto, type MessageRow } from "../conversations/dto";
import type { AttachmentRow } from "../files/attachment-dto";

export interface UpdatedMessage {
  message: MessageDto;
  conversation: { id: string; assigneeId: string | null; contactId: string; channel: Channel };
}

type Row = Omit<MessageRow, "author" | "attachments"> & {
  authorName: string | null;
  attachments: AttachmentRow[];
  assigneeId: string | null;
  contactId: string;
  channel: Channel;
};

// What is published of each changed message: the message, its author, its files in order, and its conversation.
const publishedColumns = Prisma.sql`
  changed.id, changed."conversationId", changed.seq, changed.direction::text AS direction, changed.body,
  changed.status::text AS status, changed."clientMessageId", changed."failureCode", changed."failureReason", changed."createdAt",
  u.name AS "authorName", c."assigneeId", c."contactId", c.channel::text AS channel,
  COALESCE((
    SELECT json_agg(json_build_object('id', a.id, 'fileName', a."fileName", 'declaredType', a."declaredType", 'detectedType', a."detectedType",
      'sizeBytes', a."sizeBytes", 'status', a.status, 'rejectionReason', a."rejectionReason", 'thumbnailKey', a."thumbnailKey") ORDER BY a."createdAt")
    FROM "Attachment" a WHERE a."messageId" = changed.id
  ), '[]'::json) AS attachments
  FROM changed
  JOIN "Conversation" c ON c.id = changed."conversationId"
  LEFT JOIN "User" u ON u.id = changed."authorUserId"`;

function toUpdated(row: Row): UpdatedMessage {
  return {
    message: toMessageDto({ ...row, author: row.authorName === null ? null : { name: row.authorName } }),
    conversation: { id: row.conversationId, assigneeId: row.assigneeId, contactId: row.contactId, channel: row.channel },
  };
}

/**
 * Runs `update`, an `UPDATE "Message" AS m … RETURNING m.*` (it may start with
 * its own CTEs through `ctes`), and returns each updated message as published.
 */
export async function updateMessagesReturning(update: Prisma.Sql, ctes?: Prisma.Sql): Promise<UpdatedMessage[]> {
  const rows = await queryRows<Row>(Prisma.sql`WITH ${ctes ? Prisma.sql`${ctes},` : Prisma.empty} changed AS (${update}) SELECT ${publishedColumns}`);
  return rows.map(toUpdated);
}

/**
 * The same for an update of the messages a CTE named `found` (in `ctes`, with
 * columns id and tag) selects, and which messages `found` had, with their
 * tags: a change refused by the update's own condition (a status that would
 * move a message backwards) is told apart from one about no message at all,
 * in the same round trip.
 */
export async function updateFoundMessagesReturning(update: Prisma.Sql, ctes: Prisma.Sql): Promise<{ found: Array<{ id: string; tag: number }>; updated: UpdatedMessage[] }> {
  const rows = await queryRows<Row & { found: Array<{ id: string; tag: number }> }>(foundMessagesStatement(update, ctes));
  return { found: rows[0]?.found ?? [], updated: rows.filter((row) => row.id !== null).map(toUpdated) };
}

/** The one statement of updateFoundMessagesReturning (tests read its plan). */
export function foundMessagesStatement(update: Prisma.Sql, ctes: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    WITH ${ctes}, changed AS (${update}), published AS (SELECT ${publishedColumns})
    SELECT (SELECT COALESCE(json_agg(json_build_object('id', found.id, 'tag', found.tag)), '[]'::json) FROM found) AS found, published.*
    FROM (SELECT 1) AS one LEFT JOIN published ON true`;
}
