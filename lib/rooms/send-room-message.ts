/**
 * A colleague writes in a widget conversation: stored once per
 * clientMessageId with the next seq, acknowledged with the stored message,
 * shown live to the other members, and (SMS) sent to every phone in the room
 * from the room's number by the outbound worker.
 */
import { z } from "zod";
import { db } from "../db";
import { AppError } from "../errors";
import type { Principal } from "../auth/principal";
import { MAX_MESSAGE_LENGTH } from "../messages/limits";
import { MAX_ATTACHMENTS } from "../files/link-attachments";
import { requireRoomMember } from "./access";
import { appendRoomMessage } from "./append-room-message";
import type { RoomMessageDto } from "./dto";
import { roomPhoneNames } from "./phone-names";
import { announceRoomMessage } from "./publish";

export const clientMessageIdSchema = z.string().trim().min(8, "clientMessageId must be a unique id of at least 8 characters (a UUID).").max(100);
export const roomMessageBodySchema = z
  .string()
  .max(MAX_MESSAGE_LENGTH, `A message can be at most ${MAX_MESSAGE_LENGTH} characters.`)
  .refine((body) => body.trim().length > 0, "Write a message before sending.");

export const roomMessageInputSchema = z
  .object({
    clientMessageId: clientMessageIdSchema,
    body: z.string().max(MAX_MESSAGE_LENGTH, `A message can be at most ${MAX_MESSAGE_LENGTH} characters.`).default(""),
    /** Files uploaded to this conversation and accepted by the validation worker. */
    attachmentIds: z.array(z.string().min(1).max(100)).max(MAX_ATTACHMENTS, `At most ${MAX_ATTACHMENTS} files per message.`).optional(),
  })
  .refine((input) => input.body.trim().length > 0 || (input.attachmentIds?.length ?? 0) > 0, { message: "Write a message before sending.", path: ["body"] });
export type RoomMessageInput = z.infer<typeof roomMessageInputSchema>;

export async function sendRoomMessage(options: { principal: Principal; roomId: string; input: RoomMessageInput }): Promise<RoomMessageDto> {
  const { principal, roomId, input } = options;
  const { room } = await requireRoomMember(principal, roomId);
  if (room.kind === "SMS") await checkCanText(principal, room.id, room.fromAddressId);
  const appended = await appendRoomMessage(
    { roomId, body: input.body, authorUserId: principal.userId, clientMessageId: input.clientMessageId, sendSms: room.kind === "SMS", attachmentIds: input.attachmentIds },
    room.kind === "SMS" ? await roomPhoneNames(roomId, room.companyId) : undefined,
  );
  await announceRoomMessage(appended);
  return appended.message;
}

async function checkCanText(principal: Principal, roomId: string, fromAddressId: string | null): Promise<void> {
  const assigned = fromAddressId ? await db.userNumber.findUnique({ where: { userId_channelAddressId: { userId: principal.userId, channelAddressId: fromAddressId } }, select: { userId: true } }) : null;
  if (!assigned) throw new AppError("FORBIDDEN", "The number this conversation sends from is not assigned to you, so you cannot text from it. Ask an administrator to assign it under Configuration → Numbers.");
  const phones = await db.roomPhone.count({ where: { roomId, removedAt: null } });
  if (phones === 0) throw new AppError("CONFLICT", "Every phone number was removed from this conversation: there is nobody to text.");
}
