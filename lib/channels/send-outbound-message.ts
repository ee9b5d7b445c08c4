/**
 * The outbound worker's job: hand one stored message to its provider.
 * Idempotent: only a QUEUED message is sent, and the provider gets an
 * idempotency key per message (and per manual retry), so a job that runs
 * twice (a worker killed mid-send) is answered with the first result instead
 * of a second SMS.
 */
import { db, queryRows, RELAXED_COMMIT } from "../db";
import { Prisma } from "../generated/prisma/client";
import { publicUrl } from "../env";
import { signFileLink } from "../files/sign-file-link";
import { moduleForChannel, slugFor } from "./registry";
import { toConfig } from "./provider-config";
import type { Channel } from "../generated/prisma/enums";
import { markOptedOut, publishMessageChange } from "./apply-provider-status";
import { updateMessagesReturning, type UpdatedMessage } from "../messages/update-message-returning";
import { batchRows, inFlightBatches, oneOf } from "../batching";
import { takeSendSlot } from "./send-rate";
import type { ChannelModule, OutboundPayload } from "./types";

/** Thrown for failures worth retrying; the job's backoff honours retryAfterMs. */
export class RetryableSendError extends Error {
  constructor(message: string, readonly retryAfterMs?: number) {
    super(message);
    this.name = "RetryableSendError";
  }
}

/** Thrown when the number's send rate is used up: the job is delayed, not failed. */
export class SendThrottled extends Error {
  constructor(readonly waitMs: number) {
    super(`rate limited for ${waitMs} ms`);
  }
}

export async function sendOutboundMessage(options: { messageId: string; isLastAttempt: boolean; attempts: number }): Promise<void> {
  const message = await loadForSend(options.messageId);
  if (!message || message.status !== "QUEUED") return;
  const { conversation } = message;
  const channelModule = moduleForChannel(conversation.channel);
  const config = toConfig(conversation.channelAddress);
  if (!channelModule || !config) return fail(message.id, "NOT_CONFIGURED", "This number has no provider settings. An administrator can add them under Configuration → Numbers.");
  if (!conversation.contact.phone) return fail(message.id, "NO_NUMBER", "The customer has no phone number.");
  if (conversation.contact.optedOutAt) return fail(message.id, "OPTED_OUT", "The customer opted out of messages from this number.");

  const wait = await takeSendSlot(config.addressId, conversation.channelAddress.sendRatePerSecond);
  if (wait > 0) throw new SendThrottled(wait);

  const payload: OutboundPayload = {
    idempotencyKey: message.retryCount === 0 ? message.id : `${message.id}:retry-${message.retryCount}`,
    messageId: message.id,
    to: conversation.contact.phone,
    body: message.body,
    template: message.templateName ? await templateFor(conversation.companyId, message.templateName, conversation.contact.name) : undefined,
    // Providers fetch the media themselves: signed links that expire, to files already on this message.
    mediaUrls: message.attachments.map((attachment) => signFileLink({ attachmentId: attachment.id })),
    statusCallbackUrl: `${publicUrl()}/api/webhooks/${slugFor(channelModule)}?messageId=${encodeURIComponent(message.id)}`,
  };
  const result = await channelModule.send(config, payload);
  if (result.ok) return recordSent(channelModule, message.id, result.providerMessageId);
  if (result.retryable && !options.isLastAttempt) throw new RetryableSendError(`${result.code}: ${result.reason}`, result.retryAfterMs);
  const reason = result.retryable ? `${result.reason} (gave up after ${options.attempts} attempts)` : result.reason;
  await fail(message.id, result.code, reason);
  if (channelModule.optOutCodes.includes(result.code)) await markOptedOut(conversation.id);
}

interface SendRow {
  id: string;
  status: string;
  body: string;
  templateName: string | null;
  retryCount: number;
  attachmentIds: string[];
  conversationId: string;
  channel: Channel;
  companyId: string;
  contactPhone: string | null;
  contactName: string;
  contactOptedOutAt: Date | null;
  addressId: string;
  addressCompanyId: string;
  address: string;
  providerBaseUrl: string | null;
  providerAccount: string | null;
  providerSecret: string | null;
  webhookSecret: string | null;
  verifyToken: string | null;
  apiVersion: string | null;
  queueId: string | null;
  sendRatePerSecond: number;
}

/**
 * The message, its accepted files, its customer and the number's settings: every send reads them, so the sends
 * a worker starts together share one plain query (a nested Prisma select costs several times the CPU).
 */
const loadForSend = inFlightBatches(async (ids: string[]) => {
  const rows = await queryRows<SendRow>(sendLoadStatement([...new Set(ids)]));
  const byId = new Map(rows.map((row) => [row.id, toSendable(row)]));
  return ids.map((id) => byId.get(id) ?? null);
});

/** The read of loadForSend, for different messages (exported for a test of its plan). */
export function sendLoadStatement(ids: string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT m.id, m.status::text AS status, m.body, m."templateName", m."retryCount",
      COALESCE((SELECT array_agg(a.id ORDER BY a."createdAt") FROM "Attachment" AS a WHERE a."messageId" = m.id AND a.status = 'ACCEPTED'), '{}') AS "attachmentIds",
      sendTo.*
    FROM "Message" AS m
    -- A lookup per message (LIMIT keeps PostgreSQL from turning it into joins): as joins of the batch, conversations
    -- and contacts were hashed from whole-table reads whenever the tables looked small next to the batch.
    CROSS JOIN LATERAL (
      SELECT c.id AS "conversationId", c.channel::text AS channel, c."companyId",
        k.phone AS "contactPhone", k.name AS "contactName", k."optedOutAt" AS "contactOptedOutAt",
        n.id AS "addressId", n."companyId" AS "addressCompanyId", n.address, n."providerBaseUrl", n."providerAccount", n."providerSecret",
        n."webhookSecret", n."verifyToken", n."apiVersion", n."queueId", n."sendRatePerSecond"
      FROM "Conversation" AS c
      JOIN "Contact" AS k ON k.id = c."contactId"
      JOIN "ChannelAddress" AS n ON n.id = c."channelAddressId"
      WHERE c.id = m."conversationId"
      LIMIT 1
    ) AS sendTo
    WHERE ${oneOf(Prisma.sql`m.id`, ids)}`;
}

function toSendable(row: SendRow) {
  return {
    id: row.id, status: row.status, body: row.body, templateName: row.templateName, retryCount: row.retryCount,
    attachments: row.attachmentIds.map((id) => ({ id })),
    conversation: {
      id: row.conversationId, channel: row.channel, companyId: row.companyId,
      contact: { phone: row.contactPhone, name: row.contactName, optedOutAt: row.contactOptedOutAt },
      channelAddress: {
        id: row.addressId, companyId: row.addressCompanyId, address: row.address, providerBaseUrl: row.providerBaseUrl, providerAccount: row.providerAccount,
        providerSecret: row.providerSecret, webhookSecret: row.webhookSecret, verifyToken: row.verifyToken, apiVersion: row.apiVersion, queueId: row.queueId,
        sendRatePerSecond: row.sendRatePerSecond,
      },
    },
  };
}

async function templateFor(companyId: string, name: string, customerName: string) {
  const template = await db.messageTemplate.findFirst({ where: { companyId, name }, select: { name: true, language: true, body: true } });
  if (!template) return undefined;
  return { name: template.name, language: template.language, parameters: template.body.includes("{{1}}") ? [customerName] : [] };
}

async function recordSent(channelModule: ChannelModule, messageId: string, providerMessageId: string): Promise<void> {
  const updated = await recordSends({ messageId, provider: channelModule.provider, providerMessageId });
  if (updated) await publishMessageChange(updated);
}

export interface SentRecord {
  messageId: string;
  provider: string;
  providerMessageId: string;
}

/**
 * Every send ends here, so the sends a worker finishes together share one statement. A status callback may
 * have arrived first (and advanced the status): only a QUEUED message becomes SENT, and the provider's id is
 * recorded unless that callback already did.
 */
const recordSends = inFlightBatches(async (records: SentRecord[]): Promise<Array<UpdatedMessage | null>> => {
  try {
    return await recordSentMany(records);
  } catch (error) {
    // Nothing of a failed statement happened (e.g. a deadlock victim against another worker's batch): one at a time.
    if (records.length === 1) throw error;
    return Promise.all(records.map(async (record) => (await recordSentMany([record]))[0]!));
  }
});

async function recordSentMany(records: SentRecord[]): Promise<Array<UpdatedMessage | null>> {
  // One row per message, in the same order in every batch; a repeat (a send that ran twice) gets the same answer.
  const unique = [...new Map(records.map((record) => [record.messageId, record])).values()].sort((a, b) => a.messageId.localeCompare(b.messageId));
  const updated = await updateMessagesReturning(sentUpdate(unique), RELAXED_COMMIT);
  const byId = new Map(updated.map((change) => [change.message.id, change]));
  return records.map((record) => byId.get(record.messageId) ?? null);
}

/** The UPDATE of recordSentMany, for records of different messages (exported for a test of its plan). */
export function sentUpdate(records: SentRecord[]): Prisma.Sql {
  const ids = records.map((r) => r.messageId);
  return Prisma.sql`
    UPDATE "Message" AS m
    SET status = CASE WHEN m.status = 'QUEUED' THEN 'SENT'::"MessageStatus" ELSE m.status END,
        provider = sent.provider, "providerMessageId" = sent.provider_message_id, "updatedAt" = (now() AT TIME ZONE 'UTC')
    FROM relaxed_commit, ${batchRows("sent", [
      { name: "id", type: "text", values: ids },
      { name: "provider", type: "text", values: records.map((r) => r.provider) },
      { name: "provider_message_id", type: "text", values: records.map((r) => r.providerMessageId) },
    ])}
    -- The ids again, as an index condition: joined by the batch alone, PostgreSQL read the whole table whenever its
    -- statistics made it look small next to the batch (in a burst, every batch, while the table grew).
    WHERE m.id = sent.id AND ${oneOf(Prisma.sql`m.id`, ids)} AND (m.status = 'QUEUED' OR m."providerMessageId" IS NULL)
    RETURNING m.*`;
}

async function fail(messageId: string, code: string, reason: string): Promise<void> {
  const [updated] = await updateMessagesReturning(Prisma.sql`
    UPDATE "Message" AS m SET status = 'FAILED', "failureCode" = ${code}, "failureReason" = ${reason}, "updatedAt" = (now() AT TIME ZONE 'UTC')
    WHERE m.id = ${messageId} AND m.status = 'QUEUED'
    RETURNING m.*`);
  if (updated) await publishMessageChange(updated);
}

/** Marks a message failed after its job gave up on unexpected errors, so the agent sees it and can retry. */
export async function abandonSend(messageId: string, reason: string): Promise<void> {
  if (messageId) await fail(messageId, "NOT_SENT", `Could not be sent (${reason.slice(0, 200)}). Use Retry to try again.`);
}
