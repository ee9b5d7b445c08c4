/**
 * Widget conversations as each member sees them: title, the other
 * participants, the last message and the unread count. A room "deleted for
 * you" stays out of the list until someone writes in it again.
 */
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { Principal } from "../auth/principal";
import { notFound } from "../errors";
import { ROOM_NOT_FOUND } from "./access";
import type { RoomParticipantDto, RoomSummaryDto } from "./dto";
import { phoneNamesFor } from "./phone-names";

const membershipSelect = {
  lastReadSeq: true,
  clearedSeq: true,
  muted: true,
  room: {
    select: {
      id: true,
      kind: true,
      name: true,
      lastSeq: true,
      lastMessageAt: true,
      companyId: true,
      fromAddress: { select: { id: true, address: true, label: true } },
      members: { where: { leftAt: null }, select: { user: { select: { id: true, name: true, extension: true } } }, orderBy: { joinedAt: "asc" } },
      phones: { where: { removedAt: null }, select: { phone: true }, orderBy: { addedAt: "asc" } },
      messages: { orderBy: { seq: "desc" }, take: 1, select: { seq: true, body: true, createdAt: true, fromPhone: true, author: { select: { name: true } } } },
    },
  },
} satisfies Prisma.RoomMemberSelect;

type MembershipRow = Prisma.RoomMemberGetPayload<{ select: typeof membershipSelect }>;

async function unreadCounts(principal: Principal, memberships: MembershipRow[]): Promise<Map<string, number>> {
  const withNew = memberships.filter((m) => m.room.lastSeq > Math.max(m.lastReadSeq, m.clearedSeq));
  if (withNew.length === 0) return new Map();
  const groups = await db.roomMessage.groupBy({
    by: ["roomId"],
    where: {
      OR: withNew.map((m) => ({ roomId: m.room.id, seq: { gt: Math.max(m.lastReadSeq, m.clearedSeq) } })),
      AND: [{ OR: [{ authorUserId: null }, { authorUserId: { not: principal.userId } }] }],
      kind: "TEXT",
    },
    _count: { _all: true },
  });
  return new Map(groups.map((g) => [g.roomId, g._count._all]));
}

function toSummary(principal: Principal, membership: MembershipRow, unread: number, phoneNames: Map<string, string>): RoomSummaryDto {
  const { room } = membership;
  const others: RoomParticipantDto[] = [
    ...room.members.filter((m) => m.user.id !== principal.userId).map((m) => ({ type: "user" as const, id: m.user.id, name: m.user.name, detail: m.user.extension })),
    ...room.phones.map((p) => ({ type: "phone" as const, id: p.phone, name: phoneNames.get(p.phone) ?? p.phone, detail: p.phone })),
  ];
  const last = room.messages[0] && room.messages[0].seq > membership.clearedSeq ? room.messages[0] : null;
  return {
    id: room.id,
    kind: room.kind,
    title: room.name ?? (others.map((p) => p.name).join(", ") || "Only you"),
    renamed: room.name !== null,
    fromNumber: room.fromAddress ? { id: room.fromAddress.id, number: room.fromAddress.address, label: room.fromAddress.label } : null,
    participants: others,
    memberCount: room.members.length,
    lastSeq: room.lastSeq,
    clearedSeq: membership.clearedSeq,
    lastReadSeq: membership.lastReadSeq,
    unread,
    muted: membership.muted,
    lastMessage: last ? { body: last.body || "📎 File", authorName: last.author?.name ?? (last.fromPhone ? (phoneNames.get(last.fromPhone) ?? last.fromPhone) : null), createdAt: last.createdAt.toISOString() } : null,
    lastMessageAt: room.lastMessageAt.toISOString(),
  };
}

async function summarise(principal: Principal, memberships: MembershipRow[]): Promise<RoomSummaryDto[]> {
  const [unread, phoneNames] = await Promise.all([
    unreadCounts(principal, memberships),
    phoneNamesFor(principal.companyId, [...new Set(memberships.flatMap((m) => m.room.phones.map((p) => p.phone)))]),
  ]);
  return memberships.map((m) => toSummary(principal, m, unread.get(m.room.id) ?? 0, phoneNames));
}

/** Your widget conversations, most recent first. */
export async function listRooms(options: { principal: Principal }): Promise<RoomSummaryDto[]> {
  const { principal } = options;
  const memberships = await db.roomMember.findMany({
    where: { userId: principal.userId, leftAt: null, room: { companyId: principal.companyId } },
    select: membershipSelect,
    orderBy: { room: { lastMessageAt: "desc" } },
    take: 500,
  });
  return summarise(principal, memberships.filter((m) => m.room.lastSeq > m.clearedSeq));
}

export async function getRoom(options: { principal: Principal; roomId: string }): Promise<RoomSummaryDto> {
  const { principal, roomId } = options;
  const membership = await db.roomMember.findFirst({ where: { roomId, userId: principal.userId, leftAt: null, room: { companyId: principal.companyId } }, select: membershipSelect });
  if (!membership) throw notFound(ROOM_NOT_FOUND);
  const [summary] = await summarise(principal, [membership]);
  return summary!;
}

/** What you missed while away: unread widget messages, for the notice at sign-in. */
export async function missedMessages(options: { principal: Principal }): Promise<{ messages: number; conversations: number }> {
  const rooms = await listRooms(options);
  const unread = rooms.filter((room) => room.unread > 0);
  return { messages: unread.reduce((sum, room) => sum + room.unread, 0), conversations: unread.length };
}
