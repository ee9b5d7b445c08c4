/** A page of a room's history, by sequence number, starting after the viewer's "delete for me". */
import { z } from "zod";
import { db } from "../db";
import type { Principal } from "../auth/principal";
import { requireRoomMember } from "./access";
import { roomMessageSelect, toRoomMessageDto, type RoomMessageDto } from "./dto";
import { roomPhoneNames } from "./phone-names";

export const listRoomMessagesQuerySchema = z.object({
  /** Older messages, before this seq (scrolling up). */
  beforeSeq: z.coerce.number().int().min(1).optional(),
  /** Newer messages, after this seq (catching up after a reconnect). */
  afterSeq: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export async function listRoomMessages(options: { principal: Principal; roomId: string; query: z.infer<typeof listRoomMessagesQuerySchema> }): Promise<{ messages: RoomMessageDto[]; hasOlder: boolean }> {
  const { principal, roomId, query } = options;
  const member = await requireRoomMember(principal, roomId);
  const seqFilter = query.afterSeq !== undefined ? { gt: Math.max(query.afterSeq, member.clearedSeq) } : { gt: member.clearedSeq, ...(query.beforeSeq ? { lt: query.beforeSeq } : {}) };
  const newestFirst = query.afterSeq === undefined;
  const rows = await db.roomMessage.findMany({ where: { roomId, seq: seqFilter }, select: roomMessageSelect, orderBy: { seq: newestFirst ? "desc" : "asc" }, take: query.limit + 1 });
  const hasMore = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  if (newestFirst) page.reverse();
  const names = member.room.kind === "SMS" ? await roomPhoneNames(roomId, member.room.companyId) : new Map<string, string>();
  return { messages: page.map((row) => toRoomMessageDto(row, names)), hasOlder: newestFirst ? hasMore : false };
}
