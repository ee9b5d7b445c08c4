/**
 * Texts to a number users send from in the widget. A reply from a phone in
 * a widget SMS conversation on that number goes back into that conversation
 * (group SMS replies included); a text to a direct line (a number assigned to
 * users and connected to no queue) opens a widget conversation for those
 * users. Anything else is for the queues (returns false).
 */
import { db } from "../db";
import type { ProviderConfig, InboundMessageEvent } from "../channels/types";
import { findOrCreateContact } from "../channels/find-or-create-contact";
import { appendRoomMessage } from "./append-room-message";
import { roomPhoneNames } from "./phone-names";
import { announceRoomMessage, publishRoomChanged } from "./publish";

export async function receiveRoomSms(options: { provider: string; config: ProviderConfig; event: InboundMessageEvent }): Promise<boolean> {
  const { provider, config, event } = options;
  const [inRoom, replyingTo] = await Promise.all([
    db.roomMessage.findUnique({ where: { provider_providerMessageId: { provider, providerMessageId: event.providerMessageId } }, select: { id: true } }),
    roomReplyingTo(config.addressId, event.from),
  ]);
  // A repeated webhook goes where the first delivery went.
  if (inRoom) return true;
  // Only a number with no queue can be a direct line.
  const roomId = replyingTo ?? (config.queueId ? null : await openDirectLineRoom(config, event));
  if (!roomId) return false;
  if (await db.message.findUnique({ where: { provider_providerMessageId: { provider, providerMessageId: event.providerMessageId } }, select: { id: true } })) return false;
  const media = event.media.length ? `📎 ${event.media.length} picture${event.media.length > 1 ? "s" : ""} (open the SMS on your phone to see ${event.media.length > 1 ? "them" : "it"})` : "";
  const body = [event.body, media].filter(Boolean).join("\n") || "(empty message)";
  const appended = await appendRoomMessage({ roomId, body, fromPhone: event.from, provider, providerMessageId: event.providerMessageId }, await roomPhoneNames(roomId, config.companyId));
  await announceRoomMessage(appended);
  return true;
}

/** The most recent widget conversation on this number with this phone still in it. */
async function roomReplyingTo(addressId: string, phone: string): Promise<string | null> {
  const row = await db.roomPhone.findFirst({ where: { phone, removedAt: null, room: { fromAddressId: addressId, kind: "SMS" } }, orderBy: { room: { lastMessageAt: "desc" } }, select: { roomId: true } });
  return row?.roomId ?? null;
}

async function openDirectLineRoom(config: ProviderConfig, event: InboundMessageEvent): Promise<string | null> {
  const address = await db.channelAddress.findUnique({ where: { id: config.addressId }, select: { queueId: true, channel: true, assignedUsers: { select: { userId: true } } } });
  if (!address || address.channel !== "SMS" || address.queueId || address.assignedUsers.length === 0) return null;
  const contact = await findOrCreateContact(config.companyId, event.from, event.name);
  const created = await db.$transaction(async (tx) => {
    // Concurrent first texts from one phone open one conversation.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`room:direct:${config.addressId}:${event.from}`}))`;
    const existing = await tx.roomPhone.findFirst({ where: { phone: event.from, removedAt: null, room: { fromAddressId: config.addressId, kind: "SMS" } }, select: { roomId: true } });
    if (existing) return { id: existing.roomId, isNew: false };
    const room = await tx.room.create({
      data: {
        companyId: config.companyId,
        kind: "SMS",
        fromAddressId: config.addressId,
        members: { create: address.assignedUsers.map(({ userId }) => ({ userId })) },
        phones: { create: { phone: event.from, contactId: contact.id } },
      },
      select: { id: true },
    });
    return { id: room.id, isNew: true };
  });
  if (created.isNew) publishRoomChanged(created.id, address.assignedUsers.map((u) => u.userId));
  return created.id;
}
