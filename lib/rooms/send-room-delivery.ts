/**
 * The outbound worker's job for a group-SMS delivery: one SMS to one phone
 * from the room's number. Idempotent like customer sends: only a QUEUED
 * delivery is sent, with the delivery id as the provider idempotency key.
 */
import { db } from "../db";
import { publicUrl } from "../env";
import { signFileLink } from "../files/sign-file-link";
import { moduleForChannel, slugFor } from "../channels/registry";
import { providerConfigById } from "../channels/provider-config";
import { takeSendSlot } from "../channels/send-rate";
import { RetryableSendError, SendThrottled } from "../channels/send-outbound-message";
import { markPhoneOptedOut } from "./opt-out";
import { publishRoomMessageUpdate } from "./publish";
import { roomMessageById } from "./room-message-by-id";

export async function sendRoomDelivery(options: { deliveryId: string; isLastAttempt: boolean; attempts: number }): Promise<void> {
  const delivery = await db.roomDelivery.findUnique({
    where: { id: options.deliveryId },
    select: {
      id: true, status: true, toPhone: true, roomMessageId: true,
      message: { select: { body: true, room: { select: { companyId: true, fromAddressId: true } }, attachments: { where: { status: "ACCEPTED" }, select: { id: true }, orderBy: { createdAt: "asc" } } } },
    },
  });
  if (!delivery || delivery.status !== "QUEUED") return;
  const { room } = delivery.message;
  const channelModule = moduleForChannel("SMS");
  const config = room.fromAddressId ? await providerConfigById(room.fromAddressId) : null;
  if (!channelModule || !config) return fail(delivery, "NOT_CONFIGURED", "This number has no provider settings. An administrator can add them under Configuration → Numbers.");
  const contact = await db.contact.findUnique({ where: { companyId_phone: { companyId: room.companyId, phone: delivery.toPhone } }, select: { optedOutAt: true } });
  if (contact?.optedOutAt) return fail(delivery, "OPTED_OUT", "This number opted out of messages from your company.");

  const address = await db.channelAddress.findUniqueOrThrow({ where: { id: config.addressId }, select: { sendRatePerSecond: true } });
  const wait = await takeSendSlot(config.addressId, address.sendRatePerSecond);
  if (wait > 0) throw new SendThrottled(wait);

  const result = await channelModule.send(config, {
    idempotencyKey: delivery.id,
    messageId: delivery.id,
    to: delivery.toPhone,
    body: delivery.message.body,
    // The provider fetches the pictures itself: signed links that expire.
    mediaUrls: delivery.message.attachments.map((attachment) => signFileLink({ attachmentId: attachment.id })),
    statusCallbackUrl: `${publicUrl()}/api/webhooks/${slugFor(channelModule)}?messageId=${encodeURIComponent(delivery.id)}`,
  });
  if (result.ok) {
    await db.roomDelivery.updateMany({ where: { id: delivery.id, status: "QUEUED" }, data: { status: "SENT", provider: channelModule.provider, providerMessageId: result.providerMessageId } });
    await db.roomDelivery.updateMany({ where: { id: delivery.id, providerMessageId: null }, data: { provider: channelModule.provider, providerMessageId: result.providerMessageId } });
    return publishRoomMessageUpdate(await roomMessageById(delivery.roomMessageId));
  }
  if (result.retryable && !options.isLastAttempt) throw new RetryableSendError(`${result.code}: ${result.reason}`, result.retryAfterMs);
  await fail(delivery, result.code, result.retryable ? `${result.reason} (gave up after ${options.attempts} attempts)` : result.reason);
  if (channelModule.optOutCodes.includes(result.code)) await markPhoneOptedOut(room.companyId, delivery.toPhone);
}

async function fail(delivery: { id: string; roomMessageId: string }, code: string, reason: string): Promise<void> {
  const { count } = await db.roomDelivery.updateMany({ where: { id: delivery.id, status: "QUEUED" }, data: { status: "FAILED", failureCode: code, failureReason: reason } });
  if (count) await publishRoomMessageUpdate(await roomMessageById(delivery.roomMessageId));
}

/** Marks a delivery failed after its job gave up on unexpected errors. */
export async function abandonRoomDelivery(deliveryId: string, reason: string): Promise<void> {
  const delivery = await db.roomDelivery.findUnique({ where: { id: deliveryId }, select: { id: true, roomMessageId: true } });
  if (delivery) await fail(delivery, "NOT_SENT", `Could not be sent (${reason.slice(0, 200)}).`);
}
