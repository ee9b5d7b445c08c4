/**
 * The new-conversation widget's Send: resolve the recipients (colleagues for
 * a chat, phone numbers for an SMS from one of your numbers), reopen or
 * create the conversation, and post the first message.
 */
import { z } from "zod";
import type { Principal } from "../auth/principal";
import { requireAssignedNumber } from "./sms-numbers";
import { recipientsSchema, resolveRecipients, type Recipient } from "./recipients";
import { findOrCreateRoom, findRoom, type RoomTarget } from "./find-or-create-room";
import { clientMessageIdSchema, roomMessageBodySchema, sendRoomMessage } from "./send-room-message";
import { publishRoomChanged } from "./publish";
import { activeMemberIds } from "./access";
import type { RoomMessageDto } from "./dto";

export const roomTargetInputSchema = z.object({
  to: recipientsSchema,
  /** SMS: one of your assigned numbers; your first one when left out. */
  fromAddressId: z.string().min(1).max(100).optional(),
});

export const startRoomInputSchema = roomTargetInputSchema.extend({ clientMessageId: clientMessageIdSchema, body: roomMessageBodySchema });
export type StartRoomInput = z.infer<typeof startRoomInputSchema>;

async function toTarget(principal: Principal, input: { to: Recipient[]; fromAddressId?: string }): Promise<RoomTarget> {
  const recipients = await resolveRecipients(principal, input.to);
  if (recipients.kind === "CHAT") return { recipients };
  const from = await requireAssignedNumber(principal, input.fromAddressId);
  return { recipients, fromAddressId: from.id };
}

/** The saved conversation with exactly these recipients, if there is one (the widget reopens it). */
export async function lookupRoom(options: { principal: Principal; input: z.infer<typeof roomTargetInputSchema> }): Promise<{ roomId: string | null }> {
  return { roomId: await findRoom(options.principal, await toTarget(options.principal, options.input)) };
}

export async function startRoom(options: { principal: Principal; input: StartRoomInput }): Promise<{ roomId: string; message: RoomMessageDto }> {
  const { principal, input } = options;
  const { roomId, created } = await findOrCreateRoom(principal, await toTarget(principal, input));
  if (created) publishRoomChanged(roomId, await activeMemberIds(roomId));
  const message = await sendRoomMessage({ principal, roomId, input: { clientMessageId: input.clientMessageId, body: input.body } });
  return { roomId, message };
}
