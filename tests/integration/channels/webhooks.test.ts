import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { channelCenter, getWebhook, postWebhook, PUBLIC_URL, signTwilio, signWhatsApp, smsForm, uniqueNumber, whatsappInbound } from "../../support/channels";
import { startSocketServer, connectClient, connected, collect, sleep } from "../../support/socket-harness";
import { sessionCookieFor } from "../../support/factories";
import { appendMessage } from "@/lib/messages/append-message";
import { applyProviderStatus, statusStatement } from "@/lib/channels/apply-provider-status";
import { foundMessagesStatement } from "@/lib/messages/update-message-returning";
import { twilioSms } from "@/lib/channels/twilio-sms";
import { rowsRead } from "../../support/plans";

const countMessages = (addressId: string) => db.message.count({ where: { conversation: { channelAddressId: addressId } } });

describe("SMS webhook signatures", () => {
  it("accepts a correctly signed inbound SMS, answers empty TwiML and routes it to the number's queue", async () => {
    const center = await channelCenter();
    const customer = uniqueNumber();
    const fields = { MessageSid: `SM${Date.now()}a`, AccountSid: "AC00000000000000000000000000000000", From: customer, To: center.sms.address, Body: "Is my order shipped?", NumMedia: "0" };
    const query = "?source=carrier&x=1";
    const res = await postWebhook("sms", { body: smsForm(fields), query, headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signTwilio(`${PUBLIC_URL}/api/webhooks/sms${query}`, fields) } });
    expect(res.status).toBe(200);
    expect(res.text).toContain("<Response></Response>");
    const conversation = await db.conversation.findFirstOrThrow({ where: { channelAddressId: center.sms.id }, include: { contact: true, messages: true } });
    expect(conversation).toMatchObject({ queueId: center.queue.id, channel: "SMS", status: "WAITING" });
    expect(conversation.contact.phone).toBe(customer);
    expect(conversation.messages.map((m) => m.body)).toEqual(["Is my order shipped?"]);
  });

  it("refuses a tampered body, a wrong token and a missing header with 403, writing nothing", async () => {
    const center = await channelCenter();
    const fields = { MessageSid: `SM${Date.now()}b`, From: uniqueNumber(), To: center.sms.address, Body: "hello", NumMedia: "0" };
    const url = `${PUBLIC_URL}/api/webhooks/sms`;
    const headers = { "content-type": "application/x-www-form-urlencoded" };
    const tampered = await postWebhook("sms", { body: smsForm({ ...fields, Body: "hello!!" }), headers: { ...headers, "x-twilio-signature": signTwilio(url, fields) } });
    const wrongToken = await postWebhook("sms", { body: smsForm(fields), headers: { ...headers, "x-twilio-signature": signTwilio(url, fields, "not-the-token") } });
    const missing = await postWebhook("sms", { body: smsForm(fields), headers });
    expect([tampered.status, wrongToken.status, missing.status]).toEqual([403, 403, 403]);
    expect(await countMessages(center.sms.id)).toBe(0);
    expect(await db.contact.count({ where: { companyId: center.company.id } })).toBe(0);
  });
});

describe("number settings kept between webhooks", () => {
  it("a rotated auth token is honoured at once, though the settings were just read for an earlier webhook", async () => {
    const center = await channelCenter();
    const url = `${PUBLIC_URL}/api/webhooks/sms`;
    const headers = { "content-type": "application/x-www-form-urlencoded" };
    const text = (n: number) => ({ MessageSid: `SMrot${Date.now()}${n}`, From: uniqueNumber(), To: center.sms.address, Body: `text ${n}`, NumMedia: "0" });
    const first = text(1);
    expect((await postWebhook("sms", { body: smsForm(first), headers: { ...headers, "x-twilio-signature": signTwilio(url, first) } })).status).toBe(200);

    // Rotated by another process (e.g. a second web server): this one still holds the old settings.
    await db.channelAddress.update({ where: { id: center.sms.id }, data: { providerSecret: "rotated-token" } });
    const second = text(2);
    expect((await postWebhook("sms", { body: smsForm(second), headers: { ...headers, "x-twilio-signature": signTwilio(url, second, "rotated-token") } })).status).toBe(200);
    const third = text(3);
    expect((await postWebhook("sms", { body: smsForm(third), headers: { ...headers, "x-twilio-signature": signTwilio(url, third) } })).status).toBe(403);
    expect((await db.message.findMany({ where: { conversation: { channelAddressId: center.sms.id } }, select: { body: true }, orderBy: { createdAt: "asc" } })).map((m) => m.body)).toEqual(["text 1", "text 2"]);
  });
});

describe("WhatsApp webhook", () => {
  it("echoes the challenge only for the right verify token", async () => {
    const center = await channelCenter();
    const ok = await getWebhook("whatsapp", `?hub.mode=subscribe&hub.verify_token=${center.whatsapp.verifyToken}&hub.challenge=12345`);
    const wrong = await getWebhook("whatsapp", "?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=12345");
    expect(ok).toEqual({ status: 200, text: "12345" });
    expect(wrong.status).toBe(403);
  });

  it("verifies X-Hub-Signature-256 and opens the 24-hour window", async () => {
    const center = await channelCenter();
    const body = whatsappInbound(center.whatsapp.providerAccount!, uniqueNumber(), `wamid.${Date.now()}`, "Hola");
    expect((await postWebhook("whatsapp", { body: body.replace("Hola", "Hola!"), headers: { "x-hub-signature-256": signWhatsApp(body) } })).status).toBe(403);
    expect((await postWebhook("whatsapp", { body, headers: { "x-hub-signature-256": signWhatsApp(body, "wrong-secret") } })).status).toBe(403);
    expect((await postWebhook("whatsapp", { body })).status).toBe(403);
    expect(await countMessages(center.whatsapp.id)).toBe(0);

    const res = await postWebhook("whatsapp", { body, headers: { "x-hub-signature-256": signWhatsApp(body) } });
    expect(res.status).toBe(200);
    const conversation = await db.conversation.findFirstOrThrow({ where: { channelAddressId: center.whatsapp.id }, include: { contact: true } });
    expect(conversation.contact.name).toBe("Wanda");
    expect(conversation.windowExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 23 * 60 * 60 * 1000);
  });
});

describe("inbound de-duplication", () => {
  it("the same MessageSid posted three times at once gives one message and one live event", async () => {
    const center = await channelCenter();
    const harness = await startSocketServer();
    const agentSocket = await connected(connectClient(harness.url, { cookie: await sessionCookieFor(center.agent) }));
    const added = collect(agentSocket, "picklist:added");
    await sleep(150);
    const fields = { MessageSid: `SMdup${Date.now()}`, From: uniqueNumber(), To: center.sms.address, Body: "only once", NumMedia: "0" };
    const headers = { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signTwilio(`${PUBLIC_URL}/api/webhooks/sms`, fields) };
    const answers = await Promise.all([1, 2, 3].map(() => postWebhook("sms", { body: smsForm(fields), headers })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    await sleep(300);
    expect(await countMessages(center.sms.id)).toBe(1);
    expect(await db.conversation.count({ where: { channelAddressId: center.sms.id } })).toBe(1);
    expect(added).toHaveLength(1);
    agentSocket.disconnect();
    await harness.close();
  });

  it("a later text's MessageSid posted three times at once gives one message in the open conversation and one live event", async () => {
    const center = await channelCenter();
    const from = uniqueNumber();
    const post = (fields: Record<string, string>) =>
      postWebhook("sms", { body: smsForm(fields), headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signTwilio(`${PUBLIC_URL}/api/webhooks/sms`, fields) } });
    expect((await post({ MessageSid: `SMfirst${Date.now()}`, From: from, To: center.sms.address, Body: "first", NumMedia: "0" })).status).toBe(200);
    const harness = await startSocketServer();
    const agentSocket = await connected(connectClient(harness.url, { cookie: await sessionCookieFor(center.agent) }));
    const conversation = await db.conversation.findFirstOrThrow({ where: { channelAddressId: center.sms.id } });
    const live = collect<{ message: { body: string } }>(agentSocket, "message:created");
    expect((await agentSocket.timeout(3000).emitWithAck("conversation:watch", { conversationId: conversation.id })).ok).toBe(true);

    const fields = { MessageSid: `SMlater${Date.now()}`, From: from, To: center.sms.address, Body: "second, only once", NumMedia: "0" };
    const answers = await Promise.all([1, 2, 3].map(() => post(fields)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    await sleep(300);
    expect(await db.message.findMany({ where: { conversationId: conversation.id }, select: { body: true, seq: true }, orderBy: { seq: "asc" } })).toEqual([
      { body: "first", seq: 1 },
      { body: "second, only once", seq: 2 },
    ]);
    expect(live.filter((event) => event.message.body === "second, only once")).toHaveLength(1);
    agentSocket.disconnect();
    await harness.close();
  });

  it("the same wamid posted three times at once gives one message", async () => {
    const center = await channelCenter();
    const body = whatsappInbound(center.whatsapp.providerAccount!, uniqueNumber(), `wamid.dup${Date.now()}`, "once");
    const answers = await Promise.all([1, 2, 3].map(() => postWebhook("whatsapp", { body, headers: { "x-hub-signature-256": signWhatsApp(body) } })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(await countMessages(center.whatsapp.id)).toBe(1);
  });
});

describe("delivery statuses", () => {
  it("moves a message forward once, tells a status that would move it back from one about no message, and changes nothing for either", async () => {
    const center = await channelCenter();
    const contact = await db.contact.create({ data: { companyId: center.company.id, name: "Status customer", phone: uniqueNumber() } });
    const conversation = await db.conversation.create({
      data: { companyId: center.company.id, queueId: center.queue.id, channelAddressId: center.sms.id, contactId: contact.id, channel: "SMS", status: "ACTIVE", assigneeId: center.agent.id },
    });
    const { message } = await appendMessage({ conversationId: conversation.id, direction: "OUTBOUND", body: "Your parcel left", status: "QUEUED", authorUserId: center.agent.id });
    const sid = `SMst${Date.now()}`;
    const status = (providerMessageId: string, value: "SENT" | "DELIVERED", messageId?: string) =>
      applyProviderStatus(twilioSms, center.company.id, { kind: "status", providerMessageId, messageId, status: value });

    // Before the worker recorded Twilio's id, the echoed id finds the message.
    expect(await status(sid, "SENT", message.id)).toBe("applied");
    expect(await status(sid, "SENT", message.id)).toBe("stale");
    expect(await status(sid, "DELIVERED")).toBe("applied");
    expect(await status(sid, "SENT")).toBe("stale");
    expect(await status(`SMnone${Date.now()}`, "DELIVERED")).toBe("no-message");
    // Another company's webhook cannot reach this message.
    const other = await channelCenter();
    expect(await applyProviderStatus(twilioSms, other.company.id, { kind: "status", providerMessageId: sid, status: "SENT" })).toBe("no-message");
    expect(await db.message.findUniqueOrThrow({ where: { id: message.id }, select: { status: true, provider: true, providerMessageId: true } })).toEqual({ status: "DELIVERED", provider: twilioSms.provider, providerMessageId: sid });
  });

  it("statuses that arrive together are each applied as if alone, in arrival order, and told apart the same way", async () => {
    const center = await channelCenter();
    const contact = await db.contact.create({ data: { companyId: center.company.id, name: "Batch customer", phone: uniqueNumber() } });
    const conversation = await db.conversation.create({
      data: { companyId: center.company.id, queueId: center.queue.id, channelAddressId: center.sms.id, contactId: contact.id, channel: "SMS", status: "ACTIVE", assigneeId: center.agent.id },
    });
    const sids = Array.from({ length: 5 }, (_, i) => `SMbatch${Date.now()}${i}`);
    const messages = [];
    for (const [i, sid] of sids.entries()) {
      const { message } = await appendMessage({ conversationId: conversation.id, direction: "OUTBOUND", body: `Reply ${i}`, status: "QUEUED", authorUserId: center.agent.id });
      await db.message.update({ where: { id: message.id }, data: { status: "SENT", provider: twilioSms.provider, providerMessageId: sid } });
      messages.push(message);
    }
    // Its send's answer was lost: only our id, echoed back, finds it.
    const { message: unanswered } = await appendMessage({ conversationId: conversation.id, direction: "OUTBOUND", body: "Reply 5", status: "QUEUED", authorUserId: center.agent.id });
    const status = (providerMessageId: string, value: "SENT" | "DELIVERED" | "READ" | "FAILED", extra: { messageId?: string; errorCode?: string; errorReason?: string } = {}) =>
      applyProviderStatus(twilioSms, center.company.id, { kind: "status", providerMessageId, status: value, ...extra });

    const outcomes = await Promise.all([
      status(sids[0]!, "DELIVERED"),
      status(sids[0]!, "SENT"),
      status(sids[1]!, "DELIVERED"),
      status(sids[2]!, "FAILED", { errorCode: "30003", errorReason: "Unreachable handset" }),
      status(sids[3]!, "READ"),
      status(sids[3]!, "DELIVERED"),
      status(`SMlate${Date.now()}`, "SENT", { messageId: unanswered.id }),
      status(`SMnobody${Date.now()}`, "DELIVERED"),
    ]);
    expect(outcomes).toEqual(["applied", "stale", "applied", "applied", "applied", "stale", "applied", "no-message"]);
    const stored = await db.message.findMany({ where: { conversationId: conversation.id }, orderBy: { seq: "asc" }, select: { status: true, failureCode: true, failureReason: true, providerMessageId: true } });
    expect(stored.map((m) => m.status)).toEqual(["DELIVERED", "DELIVERED", "FAILED", "READ", "SENT", "SENT"]);
    expect(stored[2]).toMatchObject({ failureCode: "30003", failureReason: "Unreachable handset" });
    expect(stored[0]).toMatchObject({ failureCode: null, failureReason: null });
    expect(stored[5]!.providerMessageId).toMatch(/^SMlate/);
  });

  it("a status arriving alone runs on a plan PostgreSQL keeps instead of planning it again on every call", async () => {
    const center = await channelCenter();
    // One after another, so each is a batch of one on the pool's most recently used connection.
    for (let call = 0; call < 8; call += 1) {
      expect(await applyProviderStatus(twilioSms, center.company.id, { kind: "status", providerMessageId: `SMalone${Date.now()}-${call}`, status: "DELIVERED" })).toBe("no-message");
    }
    const [plans] = await db.$queryRaw<Array<{ generic: number; custom: number }>>`
      SELECT COALESCE(sum(generic_plans), 0)::int AS generic, COALESCE(sum(custom_plans), 0)::int AS custom
      FROM pg_prepared_statements WHERE statement LIKE '%found AS (%' AND statement NOT LIKE '%EXPLAIN%'`;
    // PostgreSQL plans the first five calls for their values, then keeps the generic plan if it is no worse.
    expect(plans!.custom + plans!.generic).toBeGreaterThanOrEqual(8);
    expect(plans!.generic).toBeGreaterThanOrEqual(3);
  });

  it("finds a status's message through its own keys, without reading the company's other conversations and messages", async () => {
    const center = await channelCenter();
    const contact = await db.contact.create({ data: { companyId: center.company.id, name: "History customer", phone: uniqueNumber() } });
    // A company with history: 400 conversations of 5 sent texts each.
    const history = await db.$queryRaw<Array<{ id: string }>>`
      INSERT INTO "Conversation" (id, "companyId", "queueId", "channelAddressId", "contactId", channel, status, "lastSeq")
      SELECT 'history-' || ${center.company.id} || '-' || n, ${center.company.id}, ${center.queue.id}, ${center.sms.id}, ${contact.id}, 'SMS', 'ENDED', 5
      FROM generate_series(1, 400) AS n RETURNING id`;
    await db.$executeRaw`
      INSERT INTO "Message" (id, "conversationId", seq, direction, body, status, provider, "providerMessageId", "updatedAt")
      SELECT c || '-' || seq, c, seq, 'OUTBOUND', 'Old reply', 'DELIVERED', ${twilioSms.provider}, 'SMold-' || c || '-' || seq, now()
      FROM unnest(${history.map((c) => c.id)}::text[]) AS c, generate_series(1, 5) AS seq`;
    await db.$executeRawUnsafe('ANALYZE "Conversation", "Message"');
    const conversation = await db.conversation.create({
      data: { companyId: center.company.id, queueId: center.queue.id, channelAddressId: center.sms.id, contactId: contact.id, channel: "SMS", status: "ACTIVE", assigneeId: center.agent.id },
    });
    const { message } = await appendMessage({ conversationId: conversation.id, direction: "OUTBOUND", body: "Your parcel left", status: "QUEUED", authorUserId: center.agent.id });
    const sid = `SMkeys${Date.now()}`;
    const read = (events: Array<{ providerMessageId: string; messageId?: string }>, options: { settings?: string[]; withinCte?: string } = {}) => {
      const { update, ctes } = statusStatement(events.map((event) => ({ channelModule: twilioSms, companyId: center.company.id, event: { kind: "status", status: "DELIVERED", ...event } })));
      // PostgreSQL may combine two keys in one bitmap scan when its statistics favour it; the statement must
      // not depend on that (on small tables it read every conversation of the company and its messages).
      return rowsRead(foundMessagesStatement(update, ctes), ["Conversation", "Message"], { ...options, settings: ["enable_bitmapscan = off", ...(options.settings ?? [])] });
    };

    // By our id, echoed before the worker recorded Twilio's; then by Twilio's id.
    expect(await read([{ providerMessageId: sid, messageId: message.id }])).toBeLessThan(10);
    await db.message.update({ where: { id: message.id }, data: { status: "SENT", provider: twilioSms.provider, providerMessageId: sid } });
    expect(await read([{ providerMessageId: sid }])).toBeLessThan(10);
    // A batch (its keys as arrays), planned as for small tables, where hashing a whole table looks cheaper than
    // a lookup per key: finding its messages still reads only them and their conversations.
    const batch = [{ providerMessageId: sid }, { providerMessageId: `${sid}-other` }, { providerMessageId: "SMold-none" }];
    expect(await read(batch, { settings: ["enable_nestloop = off"], withinCte: "found" })).toBeLessThan(10);
    // EXPLAIN ANALYZE ran the update in a transaction that was rolled back.
    expect((await db.message.findUniqueOrThrow({ where: { id: message.id }, select: { status: true } })).status).toBe("SENT");
  });
});
