/**
 * One widget conversation per set of people: writing again to the same
 * colleagues (or, from the same number, to the same phone numbers) reopens
 * the saved conversation instead of starting a second one. Creation is
 * serialised per set with an advisory lock, so two quick clicks make one room.
 */
import { db, type Tx } from "../db";
import type { Principal } from "../auth/principal";
import { findOrCreateContact } from "../channels/find-or-create-contact";
import type { ResolvedRecipients } from "./recipients";

export interface RoomTarget {
  recipients: ResolvedRecipients;
  /** SMS: the number to send from. */
  fromAddressId?: string;
}

function roomKey(principal: Principal, target: RoomTarget): string {
  const { recipients } = target;
  if (recipients.kind === "CHAT") return `room:chat:${principal.companyId}:${[principal.userId, ...recipients.userIds].sort().join(",")}`;
  return `room:sms:${target.fromAddressId}:${principal.userId}:${[...recipients.phones].sort().join(",")}`;
}

/** The room where the viewer and exactly these people are (a room someone renamed counts too). */
export async function findRoom(principal: Principal, target: RoomTarget, client: Tx | typeof db = db): Promise<string | null> {
  const { recipients } = target;
  const candidates = await client.room.findMany({
    where: {
      companyId: principal.companyId,
      kind: recipients.kind,
      members: { some: { userId: principal.userId, leftAt: null } },
      ...(recipients.kind === "CHAT"
        ? { AND: recipients.userIds.map((userId) => ({ members: { some: { userId, leftAt: null } } })) }
        : { fromAddressId: target.fromAddressId, AND: recipients.phones.map((phone) => ({ phones: { some: { phone, removedAt: null } } })) }),
    },
    select: { id: true, _count: { select: { members: { where: { leftAt: null } }, phones: { where: { removedAt: null } } } } },
    orderBy: { lastMessageAt: "desc" },
  });
  const exact = candidates.find((room) =>
    recipients.kind === "CHAT" ? room._count.members === recipients.userIds.length + 1 : room._count.phones === recipients.phones.length && room._count.members === 1,
  );
  return exact?.id ?? null;
}

export async function findOrCreateRoom(principal: Principal, target: RoomTarget): Promise<{ roomId: string; created: boolean }> {
  const { recipients } = target;
  // Contacts first (outside the lock): a new number is saved as a contact, in E.164.
  const contactIds = new Map<string, string>();
  if (recipients.kind === "SMS") {
    for (const phone of recipients.phones) contactIds.set(phone, (await findOrCreateContact(principal.companyId, phone)).id);
  }
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${roomKey(principal, target)}))`;
    const existing = await findRoom(principal, target, tx);
    if (existing) return { roomId: existing, created: false };
    const room = await tx.room.create({
      data: {
        companyId: principal.companyId,
        kind: recipients.kind,
        createdById: principal.userId,
        fromAddressId: recipients.kind === "SMS" ? target.fromAddressId : null,
        members: { create: [principal.userId, ...(recipients.kind === "CHAT" ? recipients.userIds : [])].map((userId) => ({ userId })) },
        phones: { create: recipients.kind === "SMS" ? recipients.phones.map((phone) => ({ phone, contactId: contactIds.get(phone) })) : [] },
      },
      select: { id: true },
    });
    return { roomId: room.id, created: true };
  });
}
