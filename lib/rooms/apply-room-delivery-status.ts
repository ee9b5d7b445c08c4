/**
 * Delivery statuses for group-SMS deliveries, with the same rules as
 * customer messages: never backwards, and our delivery id echoed by the
 * provider reconciles a send whose answer was lost.
 */
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { ChannelModule, StatusEvent } from "../channels/types";
import { statesBefore } from "../channels/status-order";
import { markPhoneOptedOut } from "./opt-out";
import { publishRoomMessageUpdate } from "./publish";
import { roomMessageById } from "./room-message-by-id";

export async function applyRoomDeliveryStatus(channelModule: ChannelModule, companyId: string, event: StatusEvent): Promise<boolean> {
  const where: Prisma.RoomDeliveryWhereInput = {
    message: { room: { companyId } },
    OR: [{ provider: channelModule.provider, providerMessageId: event.providerMessageId }, ...(event.messageId ? [{ id: event.messageId, providerMessageId: null }] : [])],
  };
  const delivery = await db.roomDelivery.findFirst({ where, select: { id: true, roomMessageId: true, toPhone: true } });
  if (!delivery) return false;
  const { count } = await db.roomDelivery.updateMany({
    where: { id: delivery.id, status: { in: statesBefore(event.status) } },
    data: {
      status: event.status,
      provider: channelModule.provider,
      providerMessageId: event.providerMessageId,
      ...(event.status === "FAILED" ? { failureCode: event.errorCode ?? null, failureReason: event.errorReason ?? "The provider could not deliver this message." } : {}),
    },
  });
  if (count === 0) return false;
  if (event.status === "FAILED" && event.errorCode && channelModule.optOutCodes.includes(event.errorCode)) await markPhoneOptedOut(companyId, delivery.toPhone);
  await publishRoomMessageUpdate(await roomMessageById(delivery.roomMessageId));
  return true;
}
