/**
 * Stores a room message with the room's next sequence number (incrementing
 * Room.lastSeq locks the room row, so numbers are gapless and in commit
 * order). A repeated clientMessageId or provider message id returns the
 * message stored the first time. An SMS sent from the room gets one queued
 * delivery per phone still in the room, in the same transaction.
 */
import { isUniqueViolation } from "../db-errors";
import type { RoomMessageKind } from "../generated/prisma/enums";
import { db, type Tx } from "../db";
import { roomMessageSelect, toRoomMessageDto, type RoomMessageDto } from "./dto";
import { linkRoomAttachments } from "./link-room-attachments";

export interface RoomMessageDraft {
  roomId: string;
  body: string;
  kind?: RoomMessageKind;
  authorUserId?: string | null;
  fromPhone?: string | null;
  clientMessageId?: string | null;
  provider?: string | null;
  providerMessageId?: string | null;
  /** Queue one SMS per phone in the room (a colleague's message in an SMS room). */
  sendSms?: boolean;
  /** The author's accepted uploads in this room, linked in the message's transaction. */
  attachmentIds?: string[];
}

export interface AppendedRoomMessage {
  message: RoomMessageDto;
  created: boolean;
  deliveryIds: string[];
}

async function findEarlier(client: Tx | typeof db, draft: RoomMessageDraft) {
  if (draft.clientMessageId) {
    const row = await client.roomMessage.findUnique({ where: { roomId_clientMessageId: { roomId: draft.roomId, clientMessageId: draft.clientMessageId } }, select: roomMessageSelect });
    if (row) return row;
  }
  if (draft.provider && draft.providerMessageId) {
    return client.roomMessage.findUnique({ where: { provider_providerMessageId: { provider: draft.provider, providerMessageId: draft.providerMessageId } }, select: roomMessageSelect });
  }
  return null;
}

export async function appendRoomMessage(draft: RoomMessageDraft, phoneNames?: Map<string, string>): Promise<AppendedRoomMessage> {
  const earlier = await findEarlier(db, draft);
  if (earlier) return { message: toRoomMessageDto(earlier, phoneNames), created: false, deliveryIds: [] };
  try {
    return await db.$transaction(async (tx) => {
      const now = new Date();
      const room = await tx.room.update({ where: { id: draft.roomId }, data: { lastSeq: { increment: 1 }, lastMessageAt: now }, select: { lastSeq: true } });
      const phones = draft.sendSms ? await tx.roomPhone.findMany({ where: { roomId: draft.roomId, removedAt: null }, select: { phone: true } }) : [];
      const row = await tx.roomMessage.create({
        data: {
          roomId: draft.roomId,
          seq: room.lastSeq,
          kind: draft.kind ?? "TEXT",
          authorUserId: draft.authorUserId ?? null,
          fromPhone: draft.fromPhone ?? null,
          body: draft.body,
          clientMessageId: draft.clientMessageId ?? null,
          provider: draft.provider ?? null,
          providerMessageId: draft.providerMessageId ?? null,
          createdAt: now,
          deliveries: { create: phones.map(({ phone }) => ({ toPhone: phone, status: "QUEUED" as const })) },
        },
        select: { id: true, deliveries: { select: { id: true } } },
      });
      if (draft.attachmentIds?.length && draft.authorUserId) {
        await linkRoomAttachments(tx, { roomId: draft.roomId, roomMessageId: row.id, attachmentIds: draft.attachmentIds, senderUserId: draft.authorUserId });
      }
      const stored = await tx.roomMessage.findUniqueOrThrow({ where: { id: row.id }, select: roomMessageSelect });
      return { message: toRoomMessageDto(stored, phoneNames), created: true, deliveryIds: row.deliveries.map((delivery) => delivery.id) };
    });
  } catch (error) {
    // Two deliveries of the same message raced: the loser answers with the winner's row.
    if (isUniqueViolation(error)) {
      const winner = await findEarlier(db, draft);
      if (winner) return { message: toRoomMessageDto(winner, phoneNames), created: false, deliveryIds: [] };
    }
    throw error;
  }
}
