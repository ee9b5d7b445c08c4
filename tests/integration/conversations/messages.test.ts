import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import pg from "pg";
import { db } from "@/lib/db";
import type { MessageDto } from "@/lib/conversations/dto";
import { markRead } from "@/lib/conversations/mark-read";
import { listActiveConversations } from "@/lib/conversations/list-active-conversations";
import { receiveCustomerMessage } from "@/lib/messages/receive-customer-message";
import { sendAgentMessage } from "@/lib/messages/send-agent-message";
import { appendMessage, ConversationEnded } from "@/lib/messages/append-message";
import { updateMessagesReturning } from "@/lib/messages/update-message-returning";
import { messageSelect, toMessageDto } from "@/lib/conversations/dto";
import { Prisma } from "@/lib/generated/prisma/client";
import { onlineUserIds } from "@/lib/realtime/presence";
import { GET as listMessagesRoute, POST as sendMessageRoute } from "@/app/api/v1/conversations/[id]/messages/route";
import { contactCenter } from "../../support/conversations";
import { apiTokenFor, callRoute } from "../../support/http";
import { sleep } from "../../support/socket-harness";
import { eventsAbout, pickedConversation, recordAll, socketSuite, waitForEvent, waitUntilOnline, type ReceivedEvent } from "../../support/scenarios";

const sockets = socketSuite();
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** A web chat picked by the first agent, with an API token for that agent and a way for the customer to write. */
async function pickedChat() {
  const center = await contactCenter({ agents: 1 });
  const agent = center.agents[0]!;
  const { conversationId, contactId } = await pickedConversation(center, 0);
  const customerSays = (body: string) => receiveCustomerMessage({ contactId, channelAddressId: center.address.id, body });
  return { center, agent, principal: center.principals[0]!, conversationId, contactId, customerSays, token: await apiTokenFor(agent.id) };
}

type Sent = { message: MessageDto };

describe("sending messages over HTTP", () => {
  it("the same clientMessageId sent 3 times concurrently stores one message and answers it to all three", async () => {
    const { conversationId, token } = await pickedChat();
    const clientMessageId = randomUUID();

    const answers = await Promise.all(
      [1, 2, 3].map(() => callRoute<Sent>(sendMessageRoute, "POST", { token, params: { id: conversationId }, body: { clientMessageId, body: "On my way" } })),
    );

    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    const ids = new Set(answers.map((a) => a.body.message.id));
    expect(ids.size).toBe(1);
    const rows = await db.message.findMany({ where: { conversationId, clientMessageId } });
    expect(rows.map((r) => r.id)).toEqual([...ids]);
    expect(rows[0]).toMatchObject({ seq: 2, direction: "OUTBOUND", body: "On my way" });
    expect(await db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({ lastSeq: 2 });
  });

  it("a customer's resend (same clientMessageId) answers the stored message and takes no sequence number", async () => {
    const { center, conversationId, contactId } = await pickedChat();
    const clientMessageId = randomUUID();
    const send = (body: string, id = clientMessageId) => receiveCustomerMessage({ contactId, channelAddressId: center.address.id, body, clientMessageId: id });

    const first = await send("Is anyone there?");
    const again = await send("Is anyone there?");
    const next = await send("Hello?", randomUUID());

    expect(first.created).toBe(true);
    expect(again).toEqual({ conversationId, message: first.message, created: false });
    expect(next.message.seq).toBe(first.message.seq + 1);
    expect(await db.message.count({ where: { conversationId, clientMessageId } })).toBe(1);
    expect(await db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({ lastSeq: next.message.seq });
  });

  it("an agent's plain reply is checked and stored by one statement, and a resend of it by one more", async () => {
    const { principal, conversationId } = await pickedChat();
    const input = { clientMessageId: randomUUID(), body: "Let me check that for you" };
    const statements = vi.spyOn(pg.Client.prototype, "query");
    try {
      const sent = await sendAgentMessage({ principal, conversationId, input });
      expect(statements).toHaveBeenCalledTimes(1);
      expect(sent).toMatchObject({ seq: 2, direction: "OUTBOUND", status: "SENT", body: input.body, authorName: principal.name });
      statements.mockClear();
      // The statement fails on the unique index (taking its sequence number back); the stored message is read.
      expect(await sendAgentMessage({ principal, conversationId, input })).toEqual(sent);
      expect(statements).toHaveBeenCalledTimes(2);
    } finally {
      statements.mockRestore();
    }
    expect(await db.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: { lastSeq: true } })).toEqual({ lastSeq: 2 });
  });

  it("replies sent together to 12 conversations are stored by one statement, each with its conversation's next number; a second reply to one waits for the next", async () => {
    const center = await contactCenter({ agents: 1 });
    const principal = center.principals[0]!;
    const chats = [];
    for (const _ of range(1, 12)) chats.push(await pickedConversation(center, 0));
    const send = (conversationId: string, body: string) => sendAgentMessage({ principal, conversationId, input: { clientMessageId: randomUUID(), body } });
    const statements = vi.spyOn(pg.Client.prototype, "query");
    try {
      // The first reply goes alone (nothing was in flight); the next 11 wait for it and go together; the second
      // reply to chats[1] may not share their statement, so it goes after them.
      const firsts = chats.map((chat, i) => send(chat.conversationId, `reply ${i}`));
      const second = send(chats[1]!.conversationId, "second reply");
      const stored = await Promise.all(firsts);
      expect(stored.map((message) => [message.conversationId, message.seq, message.body, message.status])).toEqual(
        chats.map((chat, i) => [chat.conversationId, 2, `reply ${i}`, "SENT"]),
      );
      expect(stored.every((message) => message.authorName === principal.name)).toBe(true);
      expect(await second).toMatchObject({ conversationId: chats[1]!.conversationId, seq: 3, body: "second reply" });
      expect(statements).toHaveBeenCalledTimes(3);
    } finally {
      statements.mockRestore();
    }
    const rows = await db.message.findMany({ where: { conversationId: { in: chats.map((chat) => chat.conversationId) } }, select: { conversationId: true, seq: true } });
    expect(rows).toHaveLength(12 * 2 + 1);
    const lastSeqs = await db.conversation.findMany({ where: { id: { in: chats.map((chat) => chat.conversationId) } }, select: { id: true, lastSeq: true } });
    expect(lastSeqs.map((c) => c.lastSeq).sort()).toEqual([...Array(11).fill(2), 3]);
  });

  it("a resend and a reply the agent may not send, among replies sent together: the resend gets its earlier message, the other its reason, the rest are stored once", async () => {
    const center = await contactCenter({ agents: 2 });
    const principal = center.principals[0]!;
    const chats = [];
    for (const _ of range(1, 5)) chats.push(await pickedConversation(center, 0));
    const someoneElses = await pickedConversation(center, 1);
    const resent = { clientMessageId: randomUUID(), body: "Sent before" };
    const earlier = await sendAgentMessage({ principal, conversationId: chats[0]!.conversationId, input: resent });
    const send = (conversationId: string, body: string) => sendAgentMessage({ principal, conversationId, input: { clientMessageId: randomUUID(), body } });

    // The first goes alone; the rest go together, and the resend makes their statement fail on the unique index.
    const [, ...together] = await Promise.allSettled([
      send(chats[4]!.conversationId, "alone"),
      send(chats[1]!.conversationId, "reply 1"),
      sendAgentMessage({ principal, conversationId: chats[0]!.conversationId, input: resent }),
      send(someoneElses.conversationId, "not mine"),
      send(chats[2]!.conversationId, "reply 2"),
      send(chats[3]!.conversationId, "reply 3"),
    ]);

    expect(together.map((result) => result.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled"]);
    const [one, again, refused, two, three] = together;
    expect(again).toEqual({ status: "fulfilled", value: earlier });
    expect(refused).toMatchObject({ status: "rejected", reason: { code: "CONFLICT", message: expect.stringContaining("Only the agent who picked this conversation") } });
    for (const [result, body] of [[one, "reply 1"], [two, "reply 2"], [three, "reply 3"]] as const) {
      expect(result).toMatchObject({ status: "fulfilled", value: { seq: 2, body } });
    }
    const counts = await db.conversation.findMany({
      where: { id: { in: [...chats.map((chat) => chat.conversationId), someoneElses.conversationId] } },
      select: { id: true, lastSeq: true, _count: { select: { messages: true } } },
    });
    // Every conversation's numbers are gapless: the failed statement took none.
    for (const conversation of counts) expect(conversation.lastSeq).toBe(conversation._count.messages);
    expect(await db.message.count({ where: { conversationId: someoneElses.conversationId, body: "not mine" } })).toBe(0);
    expect(await db.message.count({ where: { conversationId: chats[0]!.conversationId, clientMessageId: resent.clientMessageId } })).toBe(1);
  });

  it("30 concurrent sends from customer and agent get gapless, unique, ordered sequence numbers", async () => {
    const { conversationId, token, customerSays } = await pickedChat();

    const sends = range(1, 30).map((i) =>
      i % 2 === 0
        ? customerSays(`customer ${i}`).then((r) => r.message.seq)
        : callRoute<Sent>(sendMessageRoute, "POST", { token, params: { id: conversationId }, body: { clientMessageId: randomUUID(), body: `agent ${i}` } }).then((r) => {
            expect(r.status).toBe(201);
            return r.body.message.seq;
          }),
    );
    const seqs = await Promise.all(sends);

    expect([...seqs].sort((x, y) => x - y)).toEqual(range(2, 31));
    const stored = await db.message.findMany({ where: { conversationId }, orderBy: { seq: "asc" }, select: { seq: true, body: true } });
    expect(stored.map((m) => m.seq)).toEqual(range(1, 31));
    expect(new Set(stored.map((m) => m.body)).size).toBe(31);
    expect(await db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({ lastSeq: 31 });
    const page = await callRoute<{ messages: MessageDto[]; lastSeq: number }>(listMessagesRoute, "GET", { token, params: { id: conversationId }, query: { limit: "200" } });
    expect(page.body.messages.map((m) => m.seq)).toEqual(range(1, 31));
    expect(page.body.lastSeq).toBe(31);
  });
});

describe("storing a message", () => {
  it("is refused on a conversation that ended in between: nothing stored, no sequence number used", async () => {
    const center = await contactCenter({ agents: 1 });
    const { conversationId } = await pickedConversation(center, 0);
    await db.conversation.update({ where: { id: conversationId }, data: { status: "ENDED", endedAt: new Date() } });
    const before = await db.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: { lastSeq: true } });
    await expect(appendMessage({ conversationId, direction: "INBOUND", body: "late", status: "RECEIVED", unlessEnded: true })).rejects.toBeInstanceOf(ConversationEnded);
    expect(await db.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: { lastSeq: true } })).toEqual(before);
    expect(await db.message.count({ where: { conversationId, body: "late" } })).toBe(0);
  });

  it("a customer's later messages go to their open conversation, and after it ended, to a new one", async () => {
    const center = await contactCenter({ agents: 1 });
    const { conversationId, contactId } = await pickedConversation(center, 0);
    const again = await receiveCustomerMessage({ contactId, channelAddressId: center.address.id, body: "one more thing", clientMessageId: randomUUID() });
    expect(again).toMatchObject({ conversationId, created: true, message: { seq: 2 } });
    await db.conversation.update({ where: { id: conversationId }, data: { status: "ENDED", endedAt: new Date() } });
    const after = await receiveCustomerMessage({ contactId, channelAddressId: center.address.id, body: "hello again", clientMessageId: randomUUID() });
    expect(after.conversationId).not.toBe(conversationId);
    expect(after.message.seq).toBe(1);
  });
});

describe("updating a message and publishing it in one statement", () => {
  it("returns what messageSelect reads: author, files in order, conversation; and only the rows it updated", async () => {
    const center = await contactCenter({ agents: 1 });
    const agent = center.agents[0]!;
    const { conversationId, contactId } = await pickedConversation(center, 0);
    const { message } = await appendMessage({ conversationId, direction: "OUTBOUND", body: "Here are the photos", status: "QUEUED", authorUserId: agent.id });
    const file = (name: string, at: number, extra: object = {}) => ({
      conversationId, messageId: message.id, fileName: name, declaredType: "image/png", sizeBytes: 1234 + at, storageKey: `test/${randomUUID()}`, createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, at)), ...extra,
    });
    await db.attachment.createMany({ data: [file("second.png", 2, { status: "ACCEPTED", detectedType: "image/png", thumbnailKey: `thumb/${randomUUID()}` }), file("first.png", 1, { status: "REJECTED", rejectionReason: "Not a picture" })] });

    const updated = await updateMessagesReturning(Prisma.sql`
      UPDATE "Message" AS m SET status = 'FAILED', "failureCode" = '30003', "failureReason" = 'Unreachable handset' WHERE m.id = ${message.id} AND m.status = 'QUEUED' RETURNING m.*`);

    const row = await db.message.findUniqueOrThrow({ where: { id: message.id }, select: { ...messageSelect, conversation: { select: { id: true, assigneeId: true, contactId: true, channel: true } } } });
    expect(updated).toEqual([{ message: toMessageDto(row), conversation: row.conversation }]);
    expect(updated[0]!.message).toMatchObject({ status: "FAILED", failureCode: "30003", authorName: agent.name, attachments: [{ fileName: "first.png" }, { fileName: "second.png" }] });
    expect(updated[0]!.conversation).toEqual({ id: conversationId, assigneeId: agent.id, contactId, channel: "WEBCHAT" });
    // Its condition no longer holds: nothing updated, nothing returned.
    expect(await updateMessagesReturning(Prisma.sql`UPDATE "Message" AS m SET status = 'SENT' WHERE m.id = ${message.id} AND m.status = 'QUEUED' RETURNING m.*`)).toEqual([]);
  });
});

describe("realtime", () => {
  it("a client that was disconnected while 5 messages arrived gets exactly the missed ones, once, from GET messages?afterSeq", async () => {
    const { agent, conversationId, customerSays, token } = await pickedChat();
    const seqsOf = (events: ReceivedEvent[]) => eventsAbout(events, "message:created", conversationId).map((p) => (p as Sent).message.seq);
    const firstClient = await sockets.agent(agent);
    const live = recordAll(firstClient);
    await waitUntilOnline([agent.id]);
    await customerSays("first while connected");
    await customerSays("second while connected");
    await vi.waitFor(() => expect(seqsOf(live)).toEqual([2, 3]));
    const lastSeen = Math.max(...seqsOf(live));

    firstClient.disconnect();
    await vi.waitFor(async () => expect(await onlineUserIds([agent.id])).toEqual(new Set()));
    for (const i of range(1, 5)) await customerSays(`missed ${i}`);
    const reconnected = recordAll(await sockets.agent(agent));
    const gap = await callRoute<{ messages: MessageDto[]; lastSeq: number }>(listMessagesRoute, "GET", { token, params: { id: conversationId }, query: { afterSeq: String(lastSeen) } });

    expect(gap.status).toBe(200);
    expect(gap.body.messages.map((m) => m.seq)).toEqual([4, 5, 6, 7, 8]);
    expect(gap.body.messages.map((m) => m.body)).toEqual(range(1, 5).map((i) => `missed ${i}`));
    expect(gap.body.lastSeq).toBe(8);
    await sleep(200);
    expect(seqsOf(live)).toEqual([2, 3]);
    expect(seqsOf(reconnected)).toEqual([]);
    expect([...seqsOf(live), ...gap.body.messages.map((m) => m.seq)]).toEqual(range(2, 8));
  });

  it("two clients of the same agent both receive message:created and conversation:read", async () => {
    const { agent, principal, conversationId, customerSays } = await pickedChat();
    const [desk, phone] = [recordAll(await sockets.agent(agent)), recordAll(await sockets.agent(agent))];
    await waitUntilOnline([agent.id]);

    const { message } = await customerSays("Are you there?");
    for (const client of [desk, phone]) {
      expect(await waitForEvent(client, "message:created", conversationId)).toEqual({ assigneeId: agent.id, message });
    }

    await markRead({ principal, conversationId, upToSeq: message.seq });
    for (const client of [desk, phone]) {
      expect(await waitForEvent(client, "conversation:read", conversationId)).toEqual({ userId: agent.id, conversationId, lastReadSeq: 2 });
    }
  });

  it("unread counts go up with inbound messages only, drop to 0 after markRead, and a stale markRead does not resurrect them", async () => {
    const { principal, conversationId, customerSays, token } = await pickedChat();
    const unread = async () => (await listActiveConversations({ principal })).find((c) => c.id === conversationId)!.unread;

    expect(await unread()).toBe(1);
    await customerSays("one");
    await customerSays("two");
    expect(await unread()).toBe(3);
    await callRoute(sendMessageRoute, "POST", { token, params: { id: conversationId }, body: { clientMessageId: randomUUID(), body: "Looking into it" } });
    expect(await unread()).toBe(3);

    expect(await markRead({ principal, conversationId, upToSeq: 4 })).toEqual({ lastReadSeq: 4 });
    expect(await unread()).toBe(0);
    await customerSays("three");
    expect(await unread()).toBe(1);
    expect(await markRead({ principal, conversationId, upToSeq: 2 })).toEqual({ lastReadSeq: 4 });
    expect(await unread()).toBe(1);
  });
});
