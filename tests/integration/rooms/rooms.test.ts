/**
 * Widget conversations through the real route handlers: chats between
 * colleagues, who may read them, leave/remove/delete rules, recipient
 * validation, and messages kept for colleagues who are signed out.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import * as roomsRoute from "@/app/api/v1/rooms/route";
import * as roomRoute from "@/app/api/v1/rooms/[id]/route";
import * as messagesRoute from "@/app/api/v1/rooms/[id]/messages/route";
import * as readRoute from "@/app/api/v1/rooms/[id]/read/route";
import * as leaveRoute from "@/app/api/v1/rooms/[id]/leave/route";
import * as removeRoute from "@/app/api/v1/rooms/[id]/participants/remove/route";
import * as lookupRoute from "@/app/api/v1/rooms/lookup/route";
import * as missedRoute from "@/app/api/v1/rooms/missed/route";
import type { RoomMessageDto, RoomSummaryDto } from "@/lib/rooms/dto";
import { NO_ASSIGNED_NUMBER } from "@/lib/rooms/sms-numbers";
import { MIXED_RECIPIENTS } from "@/lib/rooms/recipients";
import { apiTokenFor, callRoute } from "../../support/http";
import { createCompany, createUser } from "../../support/factories";

type ErrorBody = { error: { code: string; message: string } };

async function colleagues(count: number) {
  const company = await createCompany();
  const users = [];
  for (let i = 0; i < count; i += 1) {
    const user = await createUser(company.id, { name: `Colleague ${i}` });
    users.push({ ...user, token: await apiTokenFor(user.id) });
  }
  return { company, users };
}

const chatTo = (...ids: string[]) => ids.map((id) => ({ type: "user" as const, id }));

async function start(token: string, body: Record<string, unknown>) {
  return callRoute<{ roomId: string; message: RoomMessageDto } & ErrorBody>(roomsRoute.POST, "POST", { token, body: { clientMessageId: randomUUID(), ...body } });
}

async function roomsOf(token: string) {
  return (await callRoute<{ items: RoomSummaryDto[] }>(roomsRoute.GET, "GET", { token })).body.items;
}

describe("chats between colleagues", () => {
  it("A writes to B: one room, reopened by the next message, unread for B until read, gapless history", async () => {
    const { users: [a, b] } = await colleagues(2);
    const first = await start(a!.token, { to: chatTo(b!.id), body: "Can you cover my shift?" });
    expect(first.status).toBe(201);
    expect(first.body.message).toMatchObject({ seq: 1, body: "Can you cover my shift?", authorUserId: a!.id, kind: "TEXT" });

    const again = await start(a!.token, { to: chatTo(b!.id), body: "Tomorrow 9-5." });
    expect(again.body.roomId).toBe(first.body.roomId);
    expect(again.body.message.seq).toBe(2);
    const lookup = await callRoute<{ roomId: string }>(lookupRoute.POST, "POST", { token: b!.token, body: { to: chatTo(a!.id) } });
    expect(lookup.body.roomId).toBe(first.body.roomId);

    const [forB] = await roomsOf(b!.token);
    expect(forB).toMatchObject({ id: first.body.roomId, kind: "CHAT", title: a!.name, unread: 2, lastMessage: { body: "Tomorrow 9-5." } });
    const reply = await callRoute<{ message: RoomMessageDto }>(messagesRoute.POST, "POST", { token: b!.token, params: { id: first.body.roomId }, body: { clientMessageId: randomUUID(), body: "Sure" } });
    expect(reply.body.message.seq).toBe(3);
    await callRoute(readRoute.POST, "POST", { token: b!.token, params: { id: first.body.roomId }, body: { upToSeq: 3 } });
    expect((await roomsOf(b!.token))[0]!.unread).toBe(0);
    expect((await roomsOf(a!.token))[0]!.unread).toBe(1);

    const history = await callRoute<{ messages: RoomMessageDto[] }>(messagesRoute.GET, "GET", { token: a!.token, params: { id: first.body.roomId } });
    expect(history.body.messages.map((m) => [m.seq, m.body])).toEqual([[1, "Can you cover my shift?"], [2, "Tomorrow 9-5."], [3, "Sure"]]);
  });

  it("a resend with the same clientMessageId is stored once", async () => {
    const { users: [a, b] } = await colleagues(2);
    const { body } = await start(a!.token, { to: chatTo(b!.id), body: "hello" });
    const clientMessageId = randomUUID();
    const send = () => callRoute<{ message: RoomMessageDto }>(messagesRoute.POST, "POST", { token: a!.token, params: { id: body.roomId }, body: { clientMessageId, body: "once" } });
    const answers = await Promise.all([send(), send(), send()]);
    expect(new Set(answers.map((r) => r.body.message.id)).size).toBe(1);
    expect(await db.roomMessage.count({ where: { roomId: body.roomId } })).toBe(2);
  });

  it("messages to a signed-out colleague are kept and counted as missed at their next sign-in", async () => {
    const { users: [a, b] } = await colleagues(2);
    await start(a!.token, { to: chatTo(b!.id), body: "You there?" });
    await start(a!.token, { to: chatTo(b!.id), body: "Call me when you're back." });
    const missed = await callRoute<{ messages: number; conversations: number }>(missedRoute.GET, "GET", { token: b!.token });
    expect(missed.body).toEqual({ messages: 2, conversations: 1 });
    const forA = await callRoute<{ messages: number }>(missedRoute.GET, "GET", { token: a!.token });
    expect(forA.body.messages).toBe(0);
  });

  it("nobody else can read or write a room by its id, not even an admin of the same company", async () => {
    const { company, users: [a, b] } = await colleagues(2);
    const admin = await createUser(company.id, { role: "ADMIN" });
    const adminToken = await apiTokenFor(admin.id);
    const foreign = (await colleagues(1)).users[0]!;
    const { body } = await start(a!.token, { to: chatTo(b!.id), body: "private" });
    for (const token of [adminToken, foreign.token]) {
      const params = { id: body.roomId };
      expect((await callRoute<ErrorBody>(roomRoute.GET, "GET", { token, params })).status).toBe(404);
      expect((await callRoute<ErrorBody>(messagesRoute.GET, "GET", { token, params })).status).toBe(404);
      expect((await callRoute<ErrorBody>(messagesRoute.POST, "POST", { token, params, body: { clientMessageId: randomUUID(), body: "hi" } })).status).toBe(404);
      expect((await callRoute<ErrorBody>(roomRoute.PATCH, "PATCH", { token, params, body: { name: "mine" } })).status).toBe(404);
      expect((await callRoute<ErrorBody>(leaveRoute.POST, "POST", { token, params })).status).toBe(404);
    }
    expect(await db.roomMessage.count({ where: { roomId: body.roomId } })).toBe(1);
    // A colleague of another company cannot be written to either.
    const toForeign = await start(a!.token, { to: chatTo(foreign.id), body: "hi" });
    expect(toForeign.status).toBe(404);
  });

  it("leave is refused in a one-to-one and allowed in a group; removing a member needs a group too", async () => {
    const { users: [a, b, c] } = await colleagues(3);
    const pair = await start(a!.token, { to: chatTo(b!.id), body: "1:1" });
    const refused = await callRoute<ErrorBody>(leaveRoute.POST, "POST", { token: a!.token, params: { id: pair.body.roomId } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/only leave a conversation with several members/);
    const removeRefused = await callRoute<ErrorBody>(removeRoute.POST, "POST", { token: a!.token, params: { id: pair.body.roomId }, body: { type: "user", id: b!.id } });
    expect(removeRefused.status).toBe(409);

    const group = await start(a!.token, { to: chatTo(b!.id, c!.id), body: "team" });
    expect(group.body.roomId).not.toBe(pair.body.roomId);
    expect((await callRoute(leaveRoute.POST, "POST", { token: c!.token, params: { id: group.body.roomId } })).status).toBe(200);
    expect((await callRoute(roomRoute.GET, "GET", { token: c!.token, params: { id: group.body.roomId } })).status).toBe(404);
    const history = await callRoute<{ messages: RoomMessageDto[] }>(messagesRoute.GET, "GET", { token: a!.token, params: { id: group.body.roomId } });
    expect(history.body.messages.at(-1)).toMatchObject({ kind: "SYSTEM", body: `${c!.name} left the conversation.` });
    // Now a pair again: the last two cannot leave.
    expect((await callRoute(leaveRoute.POST, "POST", { token: b!.token, params: { id: group.body.roomId } })).status).toBe(409);
  });

  it("rename and mute apply; delete hides the history for you only, and the next message brings the room back", async () => {
    const { users: [a, b] } = await colleagues(2);
    const { body } = await start(a!.token, { to: chatTo(b!.id), body: "old news" });
    const renamed = await callRoute<{ room: RoomSummaryDto }>(roomRoute.PATCH, "PATCH", { token: a!.token, params: { id: body.roomId }, body: { name: "Shift swaps", muted: true } });
    expect(renamed.body.room).toMatchObject({ title: "Shift swaps", renamed: true, muted: true });
    expect((await roomsOf(b!.token))[0]).toMatchObject({ title: "Shift swaps", muted: false });

    expect((await callRoute(roomRoute.DELETE, "DELETE", { token: b!.token, params: { id: body.roomId } })).status).toBe(200);
    expect(await roomsOf(b!.token)).toEqual([]);
    expect(await roomsOf(a!.token)).toHaveLength(1);
    await start(a!.token, { to: chatTo(b!.id), body: "new news" });
    const [back] = await roomsOf(b!.token);
    expect(back).toMatchObject({ id: body.roomId, unread: 1, lastMessage: { body: "new news" } });
    const history = await callRoute<{ messages: RoomMessageDto[] }>(messagesRoute.GET, "GET", { token: b!.token, params: { id: body.roomId } });
    expect(history.body.messages.map((m) => m.body)).toEqual(["new news"]);
  });
});

describe("recipients", () => {
  it("an invalid number gets a clear error and nothing is stored", async () => {
    const { company, users: [a] } = await colleagues(1);
    const number = await db.channelAddress.create({ data: { companyId: company.id, channel: "SMS", address: `+1555${String(Date.now()).slice(-7)}`, label: "Direct" } });
    await db.userNumber.create({ data: { userId: a!.id, channelAddressId: number.id } });
    const answer = await start(a!.token, { to: [{ type: "phone", number: "12345" }], body: "hi" });
    expect(answer.status).toBe(422);
    expect(answer.body.error.message).toBe('"12345" is not a valid phone number. Type it with its country code, e.g. +1 555 010 0123.');
    expect(await db.room.count({ where: { companyId: company.id } })).toBe(0);
  });

  it("mixing colleagues and phone numbers is refused with an explanation", async () => {
    const { users: [a, b] } = await colleagues(2);
    const answer = await start(a!.token, { to: [{ type: "user", id: b!.id }, { type: "phone", number: "+1 555 010 0123" }], body: "hi" });
    expect(answer.status).toBe(422);
    expect(answer.body.error.message).toBe(MIXED_RECIPIENTS);
  });

  it("a user without assigned numbers cannot send SMS", async () => {
    const { company, users: [a] } = await colleagues(1);
    const answer = await start(a!.token, { to: [{ type: "phone", number: "+1 555 010 0123" }], body: "hi" });
    expect(answer.status).toBe(403);
    expect(answer.body.error.message).toBe(NO_ASSIGNED_NUMBER);
    expect(await db.room.count({ where: { companyId: company.id } })).toBe(0);
  });

  it("someone else's number cannot be sent from", async () => {
    const { company, users: [a, b] } = await colleagues(2);
    const bobs = await db.channelAddress.create({ data: { companyId: company.id, channel: "SMS", address: `+1555${String(Date.now() + 7).slice(-7)}`, label: "Bob" } });
    const alices = await db.channelAddress.create({ data: { companyId: company.id, channel: "SMS", address: `+1555${String(Date.now() + 9).slice(-7)}`, label: "Alice" } });
    await db.userNumber.createMany({ data: [{ userId: b!.id, channelAddressId: bobs.id }, { userId: a!.id, channelAddressId: alices.id }] });
    const answer = await start(a!.token, { to: [{ type: "phone", number: "+1 555 010 0123" }], fromAddressId: bobs.id, body: "hi" });
    expect(answer.status).toBe(422);
    expect(answer.body.error.message).toMatch(/only send from the SMS numbers assigned to you/);
  });

  it("empty messages and empty recipient lists are refused", async () => {
    const { users: [a, b] } = await colleagues(2);
    expect((await start(a!.token, { to: chatTo(b!.id), body: "   " })).status).toBe(422);
    expect((await start(a!.token, { to: [], body: "hi" })).status).toBe(422);
    expect((await start(a!.token, { to: chatTo(a!.id), body: "hi" })).status).toBe(422);
  });
});
