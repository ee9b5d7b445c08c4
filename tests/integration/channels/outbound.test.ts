/**
 * Agent replies over SMS and WhatsApp, end to end: sendAgentMessage stores
 * the message and queues it, real BullMQ workers (in this process) send it to
 * the provider stand-in over HTTP, and the stand-in's signed status callbacks
 * come back over HTTP to the real webhook route (see support/outbound-env.ts
 * for how the callback URL and signatures line up).
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";

const outboundEnv = await vi.hoisted(async () => (await import("../../support/outbound-env")).prepareOutboundEnv("outbound", { webhookServer: true }));

import { queue } from "@/lib/queue/queues";
import type { MessageDto } from "@/lib/conversations/dto";
import { retryMessage } from "@/lib/messages/retry-message";
import { sendAgentMessage } from "@/lib/messages/send-agent-message";
import { pickConversation } from "@/lib/conversations/pick-conversation";
import { channelCenter } from "../../support/channels";
import { activeConversation, jobState, outboundSuite, waitForStatus } from "../../support/outbound";
import { eventsAbout, recordAll, socketSuite, waitForEvent, waitUntilOnline } from "../../support/scenarios";
import { createAddress } from "../../support/factories";
import { rowsRead } from "../../support/plans";
import { appendMessage } from "@/lib/messages/append-message";
import { sendLoadStatement, sentUpdate } from "@/lib/channels/send-outbound-message";
import { db, RELAXED_COMMIT } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { customerWrites } from "../../support/conversations";

const sockets = socketSuite();
const outbound = outboundSuite(outboundEnv);

const outcomes = (requests: Array<{ outcome: string; response: { status: number } }>) => requests.map((r) => [r.outcome, r.response.status]);
const jobCount = async () => Object.values(await queue("outbound-messages").getJobCounts()).reduce((a, b) => a + b, 0);

describe("SMS replies", () => {
  it("are stored QUEUED, sent once with the message id as idempotency key, and follow the provider's callbacks only forward", async () => {
    const center = await channelCenter({ standInUrl: outbound.standIn.url });
    const chat = await activeConversation(center, "SMS", outbound.standIn);
    const message = await chat.reply({ body: "Your parcel left our warehouse today." });
    expect(message).toMatchObject({ direction: "OUTBOUND", status: "QUEUED", body: "Your parcel left our warehouse today." });

    const sent = await waitForStatus(message.id, "SENT");
    const accepted = await outbound.standIn.acceptedTo(chat.customer);
    expect(accepted).toHaveLength(1);
    expect(accepted[0]).toMatchObject({ provider: "sms", to: chat.customer, from: center.sms.address, text: "Your parcel left our warehouse today.", idempotencyKey: message.id });
    expect(accepted[0]!.statusCallback).toBe(`${outboundEnv.parleyUrl}/api/webhooks/sms?messageId=${message.id}`);
    const [request] = await outbound.standIn.requestsTo(chat.customer);
    expect(request!.headers["idempotency-key"]).toBe(message.id);
    expect(sent).toMatchObject({ provider: "twilio", providerMessageId: accepted[0]!.messageId });

    const sid = accepted[0]!.messageId;
    await outbound.standIn.status("sms", sid, "sent");
    expect((await db.message.findUniqueOrThrow({ where: { id: message.id } })).status).toBe("SENT");
    await outbound.standIn.status("sms", sid, "delivered");
    expect((await db.message.findUniqueOrThrow({ where: { id: message.id } })).status).toBe("DELIVERED");
    await outbound.standIn.status("sms", sid, "sent");
    expect((await db.message.findUniqueOrThrow({ where: { id: message.id } })).status).toBe("DELIVERED");
    const callbacks = (await outbound.standIn.webhooks()).filter((w) => w.kind === "sms-status" && w.url.includes(message.id));
    expect(callbacks.map((w) => [(w.body as { MessageStatus: string }).MessageStatus, w.status])).toEqual([["sent", 200], ["delivered", 200], ["sent", 200]]);
  });

  it("a 429 is retried after its Retry-After and the message is sent once", async () => {
    const center = await channelCenter({ standInUrl: outbound.standIn.url });
    const chat = await activeConversation(center, "SMS", outbound.standIn);
    // 2 s rather than 1: the first exponential retry (0.5–1 s) would also pass a 1 s check, so only 2 s shows Retry-After is honoured.
    await outbound.standIn.inject({ provider: "sms", kind: "429", times: 1, retryAfterSeconds: 2, to: chat.customer });
    const message = await chat.reply({ body: "Retry me" });
    await waitForStatus(message.id, "SENT");
    const requests = await outbound.standIn.requestsTo(chat.customer);
    expect(outcomes(requests)).toEqual([["failed", 429], ["accepted", 201]]);
    expect(requests.map((r) => r.idempotencyKey)).toEqual([message.id, message.id]);
    expect(Date.parse(requests[1]!.at) - Date.parse(requests[0]!.at)).toBeGreaterThanOrEqual(1990);
    expect(await outbound.standIn.acceptedTo(chat.customer)).toHaveLength(1);
  });

  it("two 500s are retried with backoff and the message is sent once", async () => {
    const center = await channelCenter({ standInUrl: outbound.standIn.url });
    const chat = await activeConversation(center, "SMS", outbound.standIn);
    await outbound.standIn.inject({ provider: "sms", kind: "500", times: 2, to: chat.customer });
    const message = await chat.reply({ body: "Third time lucky" });
    const sent = await waitForStatus(message.id, "SENT", 15_000);
    expect(outcomes(await outbound.standIn.requestsTo(chat.customer))).toEqual([["failed", 500], ["failed", 500], ["accepted", 201]]);
    const accepted = await outbound.standIn.acceptedTo(chat.customer);
    expect(accepted.map((s) => s.idempotencyKey)).toEqual([message.id]);
    expect(sent.providerMessageId).toBe(accepted[0]!.messageId);
  });

  it("21211 (invalid number) fails the message at once, without a retry", async () => {
    const center = await channelCenter({ standInUrl: outbound.standIn.url });
    const chat = await activeConversation(center, "SMS", outbound.standIn);
    await outbound.standIn.inject({ provider: "sms", kind: "21211", to: chat.customer });
    const message = await chat.reply({ body: "Hello?" });
    const failed = await waitForStatus(message.id, "FAILED");
    expect(failed.failureCode).toBe("21211");
    expect(failed.failureReason).toMatch(/Invalid 'To' Phone Number/);
    await vi.waitFor(async () => expect(await jobState(message.id)).toBe("completed"));
    expect(outcomes(await outbound.standIn.requestsTo(chat.customer))).toEqual([["failed", 400]]);
  });

  it("21610 (unsubscribed) fails the message, marks the customer opted out and refuses further replies", async () => {
    const center = await channelCenter({ standInUrl: outbound.standIn.url });
    const chat = await activeConversation(center, "SMS", outbound.standIn);
    await outbound.standIn.inject({ provider: "sms", kind: "21610", to: chat.customer });
    const message = await chat.reply({ body: "Special offer!" });
    expect(await waitForStatus(message.id, "FAILED")).toMatchObject({ failureCode: "21610" });
    await vi.waitFor(async () => expect(await jobState(message.id)).toBe("completed"));
    expect((await db.contact.findUniqueOrThrow({ where: { id: chat.contactId } })).optedOutAt).toBeInstanceOf(Date);

    const [messages, jobs] = [await db.message.count({ where: { conversationId: chat.conversationId } }), await jobCount()];
    await expect(chat.reply({ body: "Are you there?" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/opted out/) });
    expect(await db.message.count({ where: { conversationId: chat.conversationId } })).toBe(messages);
    expect(await jobCount()).toBe(jobs);
    expect(await outbound.standIn.requestsTo(chat.customer)).toHaveLength(1);
  });

  it("the retry action sends a failed message again under a new idempotency key", async () => {
    const center = await channelCenter({ standInUrl: outbound.standIn.url });
    const chat = await activeConversation(center, "SMS", outbound.standIn);
    const message = await chat.reply({ body: "Did this arrive?" });
    await waitForStatus(message.id, "SENT");
    const [first] = await outbound.standIn.acceptedTo(chat.customer);
    await outbound.standIn.status("sms", first!.messageId, "undelivered");
    expect(await waitForStatus(message.id, "FAILED")).toMatchObject({ failureCode: "30003" });

    await retryMessage({ principal: chat.principal, conversationId: chat.conversationId, messageId: message.id });
    const resent = await waitForStatus(message.id, "SENT");
    const accepted = await outbound.standIn.acceptedTo(chat.customer);
    // The same key would only have replayed the first (undelivered) send.
    expect(accepted.map((s) => s.idempotencyKey)).toEqual([message.id, `${message.id}:retry-1`]);
    expect(resent).toMatchObject({ retryCount: 1, failureCode: null, providerMessageId: accepted[1]!.messageId });
    expect(accepted[1]!.messageId).not.toBe(first!.messageId);
  });

  it("the agent's socket hears each status change as message:updated", async () => {
    const center = await channelCenter({ standInUrl: outbound.standIn.url });
    const chat = await activeConversation(center, "SMS", outbound.standIn);
    const received = recordAll(await sockets.agent(center.agent));
    await waitUntilOnline([center.agent.id]);
    const statusesOf = (id: string) => received.filter((r) => r.event === "message:updated").map((r) => (r.payload as { message: MessageDto }).message).filter((m) => m.id === id).map((m) => [m.status, m.failureCode]);

    const delivered = await chat.reply({ body: "Tracking number: 1Z999" });
    await waitForStatus(delivered.id, "SENT");
    const [send] = await outbound.standIn.acceptedTo(chat.customer);
    await outbound.standIn.status("sms", send!.messageId, "delivered");
    await outbound.standIn.inject({ provider: "sms", kind: "21211", to: chat.customer });
    const failed = await chat.reply({ body: "One more thing" });

    await vi.waitFor(() => {
      expect(statusesOf(delivered.id)).toEqual([["SENT", null], ["DELIVERED", null]]);
      expect(statusesOf(failed.id)).toEqual([["FAILED", "21211"]]);
    });
    const created = received.filter((r) => r.event === "message:created").map((r) => (r.payload as { message: MessageDto }).message);
    expect(created.filter((m) => m.id === delivered.id || m.id === failed.id).map((m) => m.status)).toEqual(["QUEUED", "QUEUED"]);
  });

  it("are not published to the customer's web-chat page, which hears only of its web-chat conversation", async () => {
    const center = await channelCenter({ standInUrl: outbound.standIn.url });
    const sms = await activeConversation(center, "SMS", outbound.standIn);
    const entry = await createAddress(center.company.id, center.queue.id, "WEBCHAT");
    const webchat = await customerWrites(center.company.id, entry.id, "Also asking here", sms.contactId);
    await pickConversation({ principal: sms.principal, conversationId: webchat.conversationId });
    const agent = recordAll(await sockets.agent(center.agent));
    const page = recordAll(await sockets.customer({ contactId: sms.contactId, addressId: entry.id }));
    await waitUntilOnline([center.agent.id]);

    const text = await sms.reply({ body: "Your parcel left our warehouse today." });
    await waitForStatus(text.id, "SENT");
    const [send] = await outbound.standIn.acceptedTo(sms.customer);
    await outbound.standIn.status("sms", send!.messageId, "delivered");
    // The agent hears the last status; a customer event would have been published with it.
    await vi.waitFor(() => expect(eventsAbout(agent, "message:updated", sms.conversationId).some((e) => (e as { message: MessageDto }).message.status === "DELIVERED")).toBe(true));
    await sendAgentMessage({ principal: sms.principal, conversationId: webchat.conversationId, input: { clientMessageId: randomUUID(), body: "And here on the web" } });
    await waitForEvent(page, "message:created", webchat.conversationId);

    expect(page.filter((r) => JSON.stringify(r.payload).includes(sms.conversationId))).toEqual([]);
  });
});

describe("many replies at once", () => {
  it("replies to 12 customers sent together are each sent once and recorded with their own provider id, and each SENT is heard once", async () => {
    const center = await channelCenter({ standInUrl: outbound.standIn.url });
    const chats = await Promise.all(Array.from({ length: 12 }, () => activeConversation(center, "SMS", outbound.standIn)));
    const received = recordAll(await sockets.agent(center.agent));
    await waitUntilOnline([center.agent.id]);

    // The workers read and record sends that arrive together in shared statements.
    const messages = await Promise.all(chats.map((chat, i) => chat.reply({ body: `Batch reply ${i}` })));
    const sent = await Promise.all(messages.map((message) => waitForStatus(message.id, "SENT")));
    for (const [i, chat] of chats.entries()) {
      const accepted = await outbound.standIn.acceptedTo(chat.customer);
      expect(accepted.map((a) => a.text)).toEqual([`Batch reply ${i}`]);
      expect(sent[i]).toMatchObject({ provider: "twilio", providerMessageId: accepted[0]!.messageId });
    }
    await vi.waitFor(() => {
      const sentEvents = received.filter((r) => r.event === "message:updated").map((r) => (r.payload as { message: MessageDto }).message).filter((m) => m.status === "SENT");
      expect(sentEvents.map((m) => m.id).sort()).toEqual(messages.map((m) => m.id).sort());
    });
  });

  it("reading and recording a batch's sends reads only their own rows, even planned as for tables that look small", async () => {
    const center = await channelCenter({ standInUrl: outbound.standIn.url });
    const chat = await activeConversation(center, "SMS");
    const queued = await Promise.all([0, 1, 2].map((i) => appendMessage({ conversationId: chat.conversationId, direction: "OUTBOUND", body: `Queued ${i}`, status: "QUEUED", authorUserId: center.agent.id })));
    const records = queued.map(({ message }, i) => ({ messageId: message.id, provider: "twilio", providerMessageId: `SMplan${Date.now()}${i}` }));
    // Hashing a whole table looks cheaper than a lookup per id when PostgreSQL's statistics call it small.
    const hashing = ["enable_nestloop = off"];
    expect(await rowsRead(sendLoadStatement(records.map((r) => r.messageId)), ["Message", "Conversation"], { settings: hashing })).toBeLessThanOrEqual(2 * records.length);
    const recorded = await rowsRead(Prisma.sql`WITH ${RELAXED_COMMIT}, changed AS (${sentUpdate(records)}) SELECT id FROM changed`, ["Message"], { settings: hashing, withinCte: "changed" });
    expect(recorded).toBeLessThanOrEqual(records.length);
    // EXPLAIN ANALYZE ran the update in a transaction that was rolled back.
    expect((await db.message.findUniqueOrThrow({ where: { id: records[0]!.messageId }, select: { status: true } })).status).toBe("QUEUED");
  });
});

describe("WhatsApp replies", () => {
  it("131047 (re-engagement required) fails the message at once, without a retry", async () => {
    const center = await channelCenter({ standInUrl: outbound.standIn.url });
    const chat = await activeConversation(center, "WHATSAPP", outbound.standIn);
    await outbound.standIn.inject({ provider: "whatsapp", kind: "131047", to: chat.customer });
    const message = await chat.reply({ body: "Still interested?" });
    const failed = await waitForStatus(message.id, "FAILED");
    expect(failed.failureCode).toBe("131047");
    expect(failed.failureReason).toMatch(/24 hours/);
    await vi.waitFor(async () => expect(await jobState(message.id)).toBe("completed"));
    expect(outcomes(await outbound.standIn.requestsTo(chat.customer))).toEqual([["failed", 400]]);
  });

  it("outside the 24-hour window free text is refused before anything is stored; a template is sent", async () => {
    const center = await channelCenter({ standInUrl: outbound.standIn.url });
    const chat = await activeConversation(center, "WHATSAPP", outbound.standIn);
    await db.conversation.update({ where: { id: chat.conversationId }, data: { windowExpiresAt: new Date(Date.now() - 60_000) } });
    await db.messageTemplate.create({ data: { companyId: center.company.id, name: "order_update", language: "en", body: "Hello {{1}}, there is news about your order." } });
    const before = await db.message.count({ where: { conversationId: chat.conversationId } });

    await expect(chat.reply({ body: "Your order shipped" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/24-hour WhatsApp window is closed/) });
    expect(await db.message.count({ where: { conversationId: chat.conversationId } })).toBe(before);
    expect(await db.conversation.findUniqueOrThrow({ where: { id: chat.conversationId }, select: { lastSeq: true } })).toEqual({ lastSeq: before });

    const message = await chat.reply({ templateName: "order_update" });
    expect(message.body).toBe("Hello Wanda, there is news about your order.");
    await waitForStatus(message.id, "SENT");
    const requests = await outbound.standIn.requestsTo(chat.customer);
    expect(requests).toHaveLength(1); // the refused text never reached the provider
    expect(requests[0]!.body).toMatchObject({
      type: "template",
      biz_opaque_callback_data: message.id,
      template: { name: "order_update", language: { code: "en" }, components: [{ type: "body", parameters: [{ type: "text", text: "Wanda" }] }] },
    });
    expect((await outbound.standIn.acceptedTo(chat.customer)).map((s) => s.type)).toEqual(["template"]);
  });

  it("a resend after the window closed is answered with the message stored while it was open, sent once", async () => {
    const center = await channelCenter({ standInUrl: outbound.standIn.url });
    const chat = await activeConversation(center, "WHATSAPP", outbound.standIn);
    const input = { clientMessageId: randomUUID(), body: "Your table is booked" };
    const sent = await sendAgentMessage({ principal: chat.principal, conversationId: chat.conversationId, input });
    await waitForStatus(sent.id, "SENT");
    await db.conversation.update({ where: { id: chat.conversationId }, data: { windowExpiresAt: new Date(Date.now() - 60_000) } });

    const again = await sendAgentMessage({ principal: chat.principal, conversationId: chat.conversationId, input });

    expect(again).toMatchObject({ id: sent.id, seq: sent.seq, body: input.body });
    expect(await db.message.count({ where: { conversationId: chat.conversationId, clientMessageId: input.clientMessageId } })).toBe(1);
    expect(await outbound.standIn.acceptedTo(chat.customer)).toHaveLength(1);
  });

  it("statuses carrying our id in biz_opaque_callback_data update the message, even before the send's answer arrived", async () => {
    const center = await channelCenter({ standInUrl: outbound.standIn.url });
    const chat = await activeConversation(center, "WHATSAPP", outbound.standIn);
    // The stand-in accepts the send, then holds its answer for 3 s: meanwhile Parley knows no wamid yet.
    await outbound.standIn.inject({ provider: "whatsapp", kind: "slow", delayMs: 3000, to: chat.customer });
    const message = await chat.reply({ body: "Your refund is on its way." });
    const [send] = await vi.waitFor(async () => {
      const accepted = await outbound.standIn.acceptedTo(chat.customer);
      expect(accepted).toHaveLength(1);
      return accepted;
    });
    expect(await db.message.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({ status: "QUEUED", providerMessageId: null });

    await outbound.standIn.status("whatsapp", send!.messageId, "sent");
    expect(await db.message.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({ status: "SENT", provider: "whatsapp", providerMessageId: send!.messageId });
    await outbound.standIn.status("whatsapp", send!.messageId, "delivered");
    expect((await db.message.findUniqueOrThrow({ where: { id: message.id } })).status).toBe("DELIVERED");

    const statuses = (await outbound.standIn.webhooks()).filter((w) => w.kind === "whatsapp-status" && JSON.stringify(w.body).includes(send!.messageId));
    expect(statuses.map((w) => w.status)).toEqual([200, 200]);
    for (const w of statuses) expect(JSON.stringify(w.body)).toContain(`"biz_opaque_callback_data":"${message.id}"`);

    // The worker's late answer neither moves the message back nor sends again.
    await vi.waitFor(async () => expect(await jobState(message.id)).toBe("completed"), { timeout: 8000 });
    expect(await db.message.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({ status: "DELIVERED", providerMessageId: send!.messageId });
    expect(await outbound.standIn.acceptedTo(chat.customer)).toHaveLength(1);
  });
});
