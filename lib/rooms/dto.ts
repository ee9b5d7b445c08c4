/**
 * The shapes of widget conversations ("rooms") that leave the server. Each
 * member sees the room through their own membership: unread count, mute,
 * and history after their "delete for me".
 */
import type { Channel, MessageStatus, RoomKind, RoomMessageKind } from "../generated/prisma/enums";
import type { Prisma } from "../generated/prisma/client";
import { attachmentSelect, toAttachmentDto, type AttachmentDto } from "../files/attachment-dto";

export interface RoomParticipantDto {
  /** "user" for colleagues, "phone" for SMS participants. */
  type: "user" | "phone";
  /** A user id, or the E.164 number. */
  id: string;
  name: string;
  /** E.164 for phones; the extension for users. */
  detail: string | null;
}

export interface RoomSummaryDto {
  id: string;
  kind: RoomKind;
  /** The name given by rename, else the other participants' names. */
  title: string;
  renamed: boolean;
  /** SMS: the number the room sends from. */
  fromNumber: { id: string; number: string; label: string } | null;
  /** Everyone in the room except the viewer. */
  participants: RoomParticipantDto[];
  /** Users still in the room (the viewer included). */
  memberCount: number;
  lastSeq: number;
  /** The viewer's own history starts after this seq (delete for me). */
  clearedSeq: number;
  lastReadSeq: number;
  unread: number;
  muted: boolean;
  lastMessage: { body: string; authorName: string | null; createdAt: string } | null;
  lastMessageAt: string;
}

export interface RoomDeliveryDto {
  toPhone: string;
  status: MessageStatus;
  failureReason: string | null;
}

export interface RoomMessageDto {
  id: string;
  roomId: string;
  seq: number;
  kind: RoomMessageKind;
  authorUserId: string | null;
  /** The colleague's name, or the contact's name / number for an inbound SMS. */
  authorName: string | null;
  fromPhone: string | null;
  body: string;
  clientMessageId: string | null;
  createdAt: string;
  /** SMS sent from the room: one delivery per recipient. */
  deliveries: RoomDeliveryDto[];
  /** Files sent with the message (only accepted files are ever linked). */
  attachments: AttachmentDto[];
}

export const roomMessageSelect = {
  id: true,
  roomId: true,
  seq: true,
  kind: true,
  authorUserId: true,
  fromPhone: true,
  body: true,
  clientMessageId: true,
  createdAt: true,
  author: { select: { name: true } },
  deliveries: { select: { toPhone: true, status: true, failureReason: true }, orderBy: { toPhone: "asc" } },
  attachments: { select: attachmentSelect, orderBy: { createdAt: "asc" } },
} satisfies Prisma.RoomMessageSelect;

export type RoomMessageRow = Prisma.RoomMessageGetPayload<{ select: typeof roomMessageSelect }>;

export function toRoomMessageDto(row: RoomMessageRow, phoneNames: Map<string, string> = new Map()): RoomMessageDto {
  return {
    id: row.id,
    roomId: row.roomId,
    seq: row.seq,
    kind: row.kind,
    authorUserId: row.authorUserId,
    authorName: row.author?.name ?? (row.fromPhone ? (phoneNames.get(row.fromPhone) ?? row.fromPhone) : null),
    fromPhone: row.fromPhone,
    body: row.body,
    clientMessageId: row.clientMessageId,
    createdAt: row.createdAt.toISOString(),
    deliveries: row.deliveries.map((delivery) => ({ toPhone: delivery.toPhone, status: delivery.status, failureReason: delivery.failureReason })),
    attachments: row.attachments.map(toAttachmentDto),
  };
}

/** The channel whose limits apply to a room's files: SMS rooms send by SMS; chats stay inside Parley. */
export function roomSendChannel(kind: RoomKind): Channel {
  return kind === "SMS" ? "SMS" : "WEBCHAT";
}
