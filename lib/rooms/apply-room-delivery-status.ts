/**
 * Delivery statuses for group-SMS deliveries, with the same rules as
 * customer messages: never backwards, and our delivery id echoed by the
 * provider reconciles a send whose answer was lost.
 */
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { ChannelModule, StatusEvent } from "../channels/types";
import { isOptOut, sentItemMatch, statusUpdate } from "../channels/status-update";
import { markPhoneOptedOut } from "./opt-out";
import { publishRoomMessageUpdate } from "./publish";
import { roomMessageById } from "./room-message-by-id";

export async function applyRoomDeliveryStatus(channelModule: ChannelModule, companyId: string, event: StatusEvent): Promise<boolean> {
  const where: Prisma.RoomDeliveryWhereInput = {
    message: { room: { companyId } },
    OR: sentItemMatch(channelModule, event),
  };
  const delivery = await db.roomDelivery.findFirst({ where, select: { id: true, roomMessageId: true, toPhone: true } });
  if (!delivery) return false;
  const update = statusUpdate(channelModule, event);
  const { count } = await db.roomDelivery.updateMany({ where: { id: delivery.id, ...update.where }, data: update.data });
  if (count === 0) return false;
  if (isOptOut(channelModule, event)) await markPhoneOptedOut(companyId, delivery.toPhone);
  await publishRoomMessageUpdate(await roomMessageById(delivery.roomMessageId));
  return true;
}
