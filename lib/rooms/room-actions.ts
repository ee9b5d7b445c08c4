/**
 * The widget's More menu and people panel: mute, rename, leave, delete (for
 * you), remove a participant, and reading. Membership changes are announced
 * in the room as system messages so everyone sees who did what.
 */
import { z } from "zod";
import { db } from "../db";
import { AppError } from "../errors";
import type { Principal } from "../auth/principal";
import { publishAgentEvent } from "../realtime/bus";
import { activeMemberIds, requireRoomMember } from "./access";
import { appendRoomMessage } from "./append-room-message";
import { announceRoomMessage, publishRoomChanged } from "./publish";

export const roomSettingsInputSchema = z
  .object({
    muted: z.boolean().optional(),
    /** A new name; null or "" goes back to the participants' names. */
    name: z.string().trim().max(80, "A name can be at most 80 characters.").nullable().optional(),
  })
  .refine((input) => input.muted !== undefined || input.name !== undefined, { message: "Send muted or name." });

export const removeParticipantInputSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("user"), id: z.string().min(1).max(100) }),
  z.object({ type: z.literal("phone"), id: z.string().min(1).max(40) }),
]);

export const markRoomReadInputSchema = z.object({ upToSeq: z.number().int().min(0) });

async function systemMessage(roomId: string, body: string): Promise<void> {
  await announceRoomMessage(await appendRoomMessage({ roomId, kind: "SYSTEM", body }));
}

export async function updateRoomSettings(options: { principal: Principal; roomId: string; input: z.infer<typeof roomSettingsInputSchema> }): Promise<void> {
  const { principal, roomId, input } = options;
  await requireRoomMember(principal, roomId);
  if (input.muted !== undefined) {
    await db.roomMember.update({ where: { roomId_userId: { roomId, userId: principal.userId } }, data: { muted: input.muted } });
    publishRoomChanged(roomId, [principal.userId]);
  }
  if (input.name !== undefined) {
    const name = input.name?.trim() || null;
    await db.room.update({ where: { id: roomId }, data: { name } });
    await systemMessage(roomId, name ? `${principal.name} renamed the conversation to "${name}".` : `${principal.name} removed the conversation's name.`);
    publishRoomChanged(roomId, await activeMemberIds(roomId));
  }
}

/** Users and phones left in a room after someone goes: a room needs a user and someone to talk to. */
async function remainingAfter(roomId: string, leaving: { userId?: string; phone?: string }) {
  const [users, phones] = await Promise.all([
    db.roomMember.count({ where: { roomId, leftAt: null, ...(leaving.userId ? { userId: { not: leaving.userId } } : {}) } }),
    db.roomPhone.count({ where: { roomId, removedAt: null, ...(leaving.phone ? { phone: { not: leaving.phone } } : {}) } }),
  ]);
  return { users, phones, everyone: users + phones };
}

export async function leaveRoom(options: { principal: Principal; roomId: string }): Promise<void> {
  const { principal, roomId } = options;
  await requireRoomMember(principal, roomId);
  const left = await remainingAfter(roomId, { userId: principal.userId });
  if (left.users === 0 || left.everyone < 2) {
    throw new AppError("CONFLICT", "You can only leave a conversation with several members. In a one-to-one conversation, use Delete to remove it from your list.");
  }
  const before = await activeMemberIds(roomId);
  await db.roomMember.update({ where: { roomId_userId: { roomId, userId: principal.userId } }, data: { leftAt: new Date() } });
  await systemMessage(roomId, `${principal.name} left the conversation.`);
  publishRoomChanged(roomId, before);
}

export async function deleteRoomForMe(options: { principal: Principal; roomId: string }): Promise<void> {
  const { principal, roomId } = options;
  const { room } = await requireRoomMember(principal, roomId);
  await db.roomMember.update({ where: { roomId_userId: { roomId, userId: principal.userId } }, data: { clearedSeq: room.lastSeq, lastReadSeq: room.lastSeq } });
  publishRoomChanged(roomId, [principal.userId]);
}

export async function removeParticipant(options: { principal: Principal; roomId: string; input: z.infer<typeof removeParticipantInputSchema> }): Promise<void> {
  const { principal, roomId, input } = options;
  const { room } = await requireRoomMember(principal, roomId);
  if (input.type === "user" && input.id === principal.userId) return leaveRoom({ principal, roomId });
  const before = await activeMemberIds(roomId);
  if (input.type === "user") {
    const member = await db.roomMember.findFirst({ where: { roomId, userId: input.id, leftAt: null }, select: { user: { select: { name: true } } } });
    if (!member) throw new AppError("NOT_FOUND", "That colleague is not in this conversation.");
    if ((await remainingAfter(roomId, { userId: input.id })).everyone < 2) throw new AppError("CONFLICT", "A one-to-one conversation keeps both people. Use Delete to remove it from your list.");
    await db.roomMember.update({ where: { roomId_userId: { roomId, userId: input.id } }, data: { leftAt: new Date() } });
    await systemMessage(roomId, `${principal.name} removed ${member.user.name}.`);
  } else {
    if (room.kind !== "SMS") throw new AppError("VALIDATION", "Phone numbers are only in SMS conversations.");
    const phone = await db.roomPhone.findFirst({ where: { roomId, phone: input.id, removedAt: null }, select: { id: true } });
    if (!phone) throw new AppError("NOT_FOUND", "That number is not in this conversation.");
    if ((await remainingAfter(roomId, { phone: input.id })).phones === 0) {
      throw new AppError("CONFLICT", "An SMS conversation needs at least one phone number. Use Delete to remove the conversation from your list.");
    }
    await db.roomPhone.update({ where: { id: phone.id }, data: { removedAt: new Date() } });
    await systemMessage(roomId, `${principal.name} removed ${input.id}. They get no further messages from this conversation.`);
  }
  publishRoomChanged(roomId, before);
}

export async function markRoomRead(options: { principal: Principal; roomId: string; upToSeq: number }): Promise<{ lastReadSeq: number }> {
  const { principal, roomId } = options;
  const member = await requireRoomMember(principal, roomId);
  const target = Math.min(options.upToSeq, member.room.lastSeq);
  if (target <= member.lastReadSeq) return { lastReadSeq: member.lastReadSeq };
  // Only ever forwards: a late request from another client cannot move the position back.
  await db.roomMember.updateMany({ where: { roomId, userId: principal.userId, lastReadSeq: { lt: target } }, data: { lastReadSeq: target } });
  publishAgentEvent("room:read", { userId: principal.userId, roomId, lastReadSeq: target });
  return { lastReadSeq: target };
}
