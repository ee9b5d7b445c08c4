import { db } from "../db";
import { roomMessageSelect, toRoomMessageDto, type RoomMessageDto } from "./dto";
import { roomPhoneNames } from "./phone-names";

/** Re-reads one room message (after a delivery changed) for a live update. */
export async function roomMessageById(messageId: string): Promise<RoomMessageDto> {
  const row = await db.roomMessage.findUniqueOrThrow({ where: { id: messageId }, select: { ...roomMessageSelect, room: { select: { companyId: true } } } });
  return toRoomMessageDto(row, await roomPhoneNames(row.roomId, row.room.companyId));
}
