/**
 * SMS from the widget, end to end: a colleague writes to several numbers
 * from a number assigned to them; real BullMQ workers send one SMS per
 * recipient to the provider stand-in over HTTP; the recipients' replies come
 * back through the stand-in's signed webhooks into the same conversation,
 * live to the members' sockets.
 */
import { describe, expect, it, vi } from "vitest";

const outboundEnv = await vi.hoisted(async () => (await import("../../support/outbound-env")).prepareOutboundEnv("group-sms", { webhookServer: true }));

import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { db } from "@/lib/db";
import { uploadRoomAttachment } from "@/lib/rooms/upload-room-attachment";
import { validateAttachment } from "@/lib/files/validate-attachment";
import { pngBytes } from "../../support/files";
import { principalOf } from "../../support/conversations";
import { startRoom } from "@/lib/rooms/start-room";
import { sendRoomMessage } from "@/lib/rooms/send-room-message";
import { removeParticipant } from "@/lib/rooms/room-actions";
import { listRoomMessages } from "@/lib/rooms/list-room-messages";
import { requeueStrandedSends } from "@/lib/channels/requeue-stranded-sends";
import { channelCenter, signTwilio, smsForm, uniqueNumber } from "../../support/channels";
import { createUser } from "../../support/factories";
import { outboundSuite } from "../../support/outbound";
import { recordAll, socketSuite, waitUntilOnline } from "../../support/scenarios";

const sockets = socketSuite();
const outbound = outboundSuite(outboundEnv);

/** A user with the center's SMS number assigned (the number also serves a queue). */
async function texter() {
  const center = await channelCenter({ standInUrl: outbound.standIn.url });
  await db.userNumber.create({ data: { userId: center.agent.id, channelAddressId: center.sms.id } });
  return { center, principal: principalOf(center.agent) };
}

async function deliveriesSettled(messageId: string, count: number) {
  return vi.waitFor(
    async () => {
      const rows = await db.roomDelivery.findMany({ where: { roomMessageId: messageId }, orderBy: { toPhone: "asc" } });
      if (rows.length !== count || rows.some((row) => row.status === "QUEUED")) throw new Error(`deliveries: ${rows.map((r) => r.status).join(",")}`);
      return rows;
    },
    { timeout: 10_000, interval: 50 },
  );
}

describe("group SMS from the widget", () => {
  it("sends one SMS per recipient from the user's number; each reply comes back into the same conversation, live", async () => {
    const { center, principal } = await texter();
    const socket = await sockets.agent(center.agent);
    await waitUntilOnline([center.agent.id]);
    const events = recordAll(socket);
    const [first, second] = [uniqueNumber(), uniqueNumber()];

    const { roomId, message } = await startRoom({ principal, input: { to: [{ type: "phone", number: first }, { type: "phone", number: second }], clientMessageId: randomUUID(), body: "Team offsite moved to Friday." } });
    expect(message.deliveries.map((d) => d.status)).toEqual(["QUEUED", "QUEUED"]);
    const deliveries = await deliveriesSettled(message.id, 2);
    expect(deliveries.map((d) => d.status)).toEqual(["SENT", "SENT"]);
    for (const phone of [first, second]) {
      const accepted = await outbound.standIn.acceptedTo(phone);
      expect(accepted).toHaveLength(1);
      expect(accepted[0]).toMatchObject({ provider: "sms", from: center.sms.address, text: "Team offsite moved to Friday." });
    }
    // New numbers are saved as contacts in E.164.
    expect(await db.contact.count({ where: { companyId: center.company.id, phone: { in: [first, second] } } })).toBe(2);

    const reply = await outbound.standIn.control<{ status: number }>("POST", "/control/sms/inbound", { from: second, to: center.sms.address, body: "Works for me" });
    expect(reply.json.status).toBe(200);
    await vi.waitFor(() => {
      if (!events.some((e) => e.event === "room:message" && (e.payload as { message: { body: string } }).message.body === "Works for me")) throw new Error("no live reply yet");
    }, { timeout: 3000 });
    const history = await listRoomMessages({ principal, roomId, query: { limit: 50 } });
    expect(history.messages.map((m) => [m.seq, m.fromPhone, m.body])).toEqual([[1, null, "Team offsite moved to Friday."], [2, second, "Works for me"]]);
    // The reply did not become a queue conversation.
    expect(await db.conversation.count({ where: { channelAddressId: center.sms.id } })).toBe(0);

    // A status callback moves the delivery forward and reaches the widget live.
    const [accepted] = await outbound.standIn.acceptedTo(first);
    await outbound.standIn.status("sms", accepted!.messageId, "delivered");
    expect((await db.roomDelivery.findFirstOrThrow({ where: { roomMessageId: message.id, toPhone: first } })).status).toBe("DELIVERED");
    expect(events.some((e) => e.event === "room:message-updated")).toBe(true);
  });

  it("a repeated inbound webhook is stored once; a number removed from the conversation gets nothing further", async () => {
    const { center, principal } = await texter();
    const [stays, goes] = [uniqueNumber(), uniqueNumber()];
    const { roomId, message } = await startRoom({ principal, input: { to: [{ type: "phone", number: stays }, { type: "phone", number: goes }], clientMessageId: randomUUID(), body: "hello both" } });
    await deliveriesSettled(message.id, 2);

    // The same MessageSid three times, concurrently, signed as Twilio signs it.
    const url = `${outboundEnv.parleyUrl}/api/webhooks/sms`;
    const form = { MessageSid: `SM${randomUUID().replace(/-/g, "")}`, AccountSid: center.sms.providerAccount!, From: stays, To: center.sms.address, Body: "Got it", NumMedia: "0" };
    const post = () => fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signTwilio(url, form) }, body: smsForm(form) });
    expect((await Promise.all([post(), post(), post()])).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await db.roomMessage.count({ where: { roomId, fromPhone: stays } })).toBe(1);

    await removeParticipant({ principal, roomId, input: { type: "phone", id: goes } });
    const next = await sendRoomMessage({ principal, roomId, input: { clientMessageId: randomUUID(), body: "only you now" } });
    expect(next.deliveries.map((d) => d.toPhone)).toEqual([stays]);
    await deliveriesSettled(next.id, 1);
    expect(await outbound.standIn.acceptedTo(goes)).toHaveLength(1);
    expect(await outbound.standIn.acceptedTo(stays)).toHaveLength(2);
  });

  it("a picture sent in an SMS conversation reaches the provider as a signed media link", async () => {
    const { principal } = await texter();
    const phone = uniqueNumber();
    const { roomId } = await startRoom({ principal, input: { to: [{ type: "phone", number: phone }], clientMessageId: randomUUID(), body: "Photo of your parcel follows" } });
    const upload = await uploadRoomAttachment({ principal, roomId, fileName: "parcel.png", declaredType: "image/png", declaredSize: null, body: Readable.from([await pngBytes()]) });
    await validateAttachment({ attachmentId: upload.id });
    const sent = await sendRoomMessage({ principal, roomId, input: { clientMessageId: randomUUID(), body: "", attachmentIds: [upload.id] } });
    await deliveriesSettled(sent.id, 1);
    const accepted = await outbound.standIn.acceptedTo(phone);
    expect(accepted).toHaveLength(2);
    expect(accepted[1]!.mediaUrls).toHaveLength(1);
    expect(accepted[1]!.mediaUrls[0]).toContain(`/api/files/${upload.id}/public?expires=`);
  });

  it("a text to a direct line (assigned to users, no queue) opens a widget conversation for them", async () => {
    const { center } = await texter();
    const colleague = await createUser(center.company.id);
    const direct = await db.channelAddress.create({ data: { companyId: center.company.id, channel: "SMS", address: uniqueNumber(), label: "Direct", providerBaseUrl: outbound.standIn.url, providerAccount: center.sms.providerAccount, providerSecret: "test-twilio-token" } });
    await db.userNumber.createMany({ data: [{ userId: center.agent.id, channelAddressId: direct.id }, { userId: colleague.id, channelAddressId: direct.id }] });
    const customer = uniqueNumber();
    const posted = await outbound.standIn.control<{ status: number }>("POST", "/control/sms/inbound", { from: customer, to: direct.address, body: "Is this Alice?" });
    expect(posted.json.status).toBe(200);
    const room = await db.room.findFirstOrThrow({ where: { fromAddressId: direct.id }, include: { members: true, phones: true, messages: true } });
    expect(room.members.map((m) => m.userId).sort()).toEqual([center.agent.id, colleague.id].sort());
    expect(room.phones.map((p) => p.phone)).toEqual([customer]);
    expect(room.messages.map((m) => m.body)).toEqual(["Is this Alice?"]);
  });

  it("deliveries whose job Redis lost are queued again from PostgreSQL", async () => {
    const { center, principal } = await texter();
    const phone = uniqueNumber();
    // Stored as the send path stores it, but never queued (as if Redis lost the job).
    const room = await db.room.create({ data: { companyId: center.company.id, kind: "SMS", fromAddressId: center.sms.id, lastSeq: 1, members: { create: { userId: principal.userId } }, phones: { create: { phone } } } });
    const message = await db.roomMessage.create({ data: { roomId: room.id, seq: 1, body: "lost job", authorUserId: principal.userId, deliveries: { create: { toPhone: phone, updatedAt: new Date(Date.now() - 60_000) } } } });
    await db.roomDelivery.updateMany({ where: { roomMessageId: message.id }, data: { updatedAt: new Date(Date.now() - 60_000) } });
    expect(await requeueStrandedSends({ olderThanMs: 30_000, companyId: center.company.id })).toBe(1);
    await deliveriesSettled(message.id, 1);
    expect(await outbound.standIn.acceptedTo(phone)).toHaveLength(1);
  });
});
