/**
 * Stores a message with the conversation's next sequence number. Incrementing
 * Conversation.lastSeq in the same transaction locks the conversation row, so
 * numbers are gapless and in commit order. A repeated clientMessageId returns
 * the message stored the first time instead of a second copy.
 */
import type { MessageDirection, MessageStatus } from "../generated/prisma/enums";
import { Prisma } from "../generated/prisma/client";
import { db, type Tx } from "../db";
import { messageSelect, toMessageDto, type MessageDto } from "../conversations/dto";

export interface AppendMessageInput {
  conversationId: string;
  direction: MessageDirection;
  body: string;
  status: MessageStatus;
  authorUserId?: string | null;
  clientMessageId?: string | null;
  provider?: string | null;
  providerMessageId?: string | null;
  templateName?: string | null;
  /** The caller already looked for this clientMessageId (a race is still caught by the unique index). */
  duplicateChecked?: boolean;
  /** Extra conversation fields to update in the same transaction (e.g. the preview). */
  conversationUpdate?: Prisma.ConversationUpdateInput;
}

export interface AppendedMessage {
  message: MessageDto;
  /** False when the clientMessageId was seen before and the earlier message is returned. */
  created: boolean;
}

async function findByClientId(tx: Tx | typeof db, conversationId: string, clientMessageId: string) {
  const existing = await tx.message.findUnique({ where: { conversationId_clientMessageId: { conversationId, clientMessageId } }, select: messageSelect });
  return existing ? toMessageDto(existing) : null;
}

export async function appendMessage(input: AppendMessageInput, tx?: Tx): Promise<AppendedMessage> {
  if (input.clientMessageId && !input.duplicateChecked) {
    const earlier = await findByClientId(tx ?? db, input.conversationId, input.clientMessageId);
    if (earlier) return { message: earlier, created: false };
  }
  if (input.provider && input.providerMessageId) {
    // Providers deliver webhooks more than once: the provider's id identifies the message.
    const earlier = await (tx ?? db).message.findUnique({ where: { provider_providerMessageId: { provider: input.provider, providerMessageId: input.providerMessageId } }, select: messageSelect });
    if (earlier) return { message: toMessageDto(earlier), created: false };
  }
  const write = async (t: Tx) => {
    const now = new Date();
    const { lastSeq } = await t.conversation.update({
      where: { id: input.conversationId },
      data: { lastSeq: { increment: 1 }, lastMessageAt: now, ...input.conversationUpdate },
      select: { lastSeq: true },
    });
    const row = await t.message.create({
      data: {
        conversationId: input.conversationId,
        seq: lastSeq,
        direction: input.direction,
        body: input.body,
        status: input.status,
        authorUserId: input.authorUserId ?? null,
        clientMessageId: input.clientMessageId ?? null,
        provider: input.provider ?? null,
        providerMessageId: input.providerMessageId ?? null,
        templateName: input.templateName ?? null,
        createdAt: now,
      },
      select: messageSelect,
    });
    return toMessageDto(row);
  };
  try {
    const message = tx ? await write(tx) : await db.$transaction(write);
    return { message, created: true };
  } catch (error) {
    // Two sends of the same clientMessageId raced: the loser returns the winner's message.
    if (input.clientMessageId && error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002" && !tx) {
      const earlier = await findByClientId(db, input.conversationId, input.clientMessageId);
      if (earlier) return { message: earlier, created: false };
    }
    throw error;
  }
}
