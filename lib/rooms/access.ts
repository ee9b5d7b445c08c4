/**
 * Who may see a room: its current members, nobody else (not even admins:
 * colleagues' chats are private). Anything else is "not found".
 */
import { db } from "../db";
import { notFound } from "../errors";
import type { Principal } from "../auth/principal";

export const ROOM_NOT_FOUND = "That conversation does not exist or you are not in it.";

export async function requireRoomMember(principal: Principal, roomId: string) {
  const member = await db.roomMember.findFirst({
    where: { roomId, userId: principal.userId, leftAt: null, room: { companyId: principal.companyId } },
    select: {
      lastReadSeq: true,
      clearedSeq: true,
      muted: true,
      room: { select: { id: true, companyId: true, kind: true, name: true, fromAddressId: true, lastSeq: true } },
    },
  });
  if (!member) throw notFound(ROOM_NOT_FOUND);
  return member;
}

/** The users still in a room: the audience of its live events. */
export async function activeMemberIds(roomId: string): Promise<string[]> {
  const members = await db.roomMember.findMany({ where: { roomId, leftAt: null }, select: { userId: true } });
  return members.map((member) => member.userId);
}
