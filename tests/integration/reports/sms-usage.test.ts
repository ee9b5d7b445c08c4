import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { MessageDirection, MessageStatus } from "@/lib/generated/prisma/enums";
import * as smsUsageRoute from "@/app/api/v1/reports/sms-usage/route";
import type { SmsUsageDto } from "@/lib/reports/sms-usage";
import { createAddress, createCompany, createQueue, createUser, uniqueSuffix } from "../../support/factories";
import { createContact } from "../../support/conversations";
import { apiTokenFor, callRoute } from "../../support/http";

type ErrorAnswer = { error: { code: string; message: string } };

const at = (iso: string) => new Date(iso);

/** A queue conversation on an address with messages at given times (written directly, as the report only reads them). */
async function conversationWith(options: {
  companyId: string;
  queueId: string;
  addressId: string;
  channel: "SMS" | "WHATSAPP" | "WEBCHAT";
  assigneeId: string | null;
  messages: Array<{ direction: MessageDirection; at: string; authorUserId?: string; status?: MessageStatus }>;
}) {
  const contact = await createContact(options.companyId);
  return db.conversation.create({
    data: {
      companyId: options.companyId, queueId: options.queueId, channelAddressId: options.addressId, contactId: contact.id, channel: options.channel,
      status: "ACTIVE", assigneeId: options.assigneeId, lastSeq: options.messages.length,
      messages: {
        create: options.messages.map((message, i) => ({
          seq: i + 1, direction: message.direction, body: `text ${i + 1}`, authorUserId: message.authorUserId ?? null, createdAt: at(message.at),
          status: message.status ?? (message.direction === "INBOUND" ? "RECEIVED" : "DELIVERED"),
        })),
      },
    },
  });
}

/** A widget SMS room on a number: members, then messages (inbound from a phone, or a colleague's with one delivery per phone). */
async function smsRoomWith(options: {
  companyId: string;
  fromAddressId: string;
  members: Array<{ userId: string; leftAt?: string }>;
  messages: Array<{ at: string; fromPhone?: string; authorUserId?: string; kind?: "TEXT" | "SYSTEM"; deliveries?: Array<{ toPhone: string; status: MessageStatus }> }>;
}) {
  return db.room.create({
    data: {
      companyId: options.companyId, kind: "SMS", fromAddressId: options.fromAddressId, lastSeq: options.messages.length,
      members: { create: options.members.map((member) => ({ userId: member.userId, joinedAt: at("2025-01-01T00:00:00Z"), leftAt: member.leftAt ? at(member.leftAt) : null })) },
      phones: { create: [{ phone: "+15557770001" }, { phone: "+15557770002" }] },
      messages: {
        create: options.messages.map((message, i) => ({
          seq: i + 1, kind: message.kind ?? "TEXT", body: `room text ${i + 1}`, fromPhone: message.fromPhone ?? null, authorUserId: message.authorUserId ?? null,
          createdAt: at(message.at), deliveries: { create: (message.deliveries ?? []).map((delivery) => ({ ...delivery, createdAt: at(message.at) })) },
        })),
      },
    },
  });
}

async function smsAddress(companyId: string, queueId: string | null, label: string) {
  return db.channelAddress.create({ data: { companyId, queueId, channel: "SMS", address: `+1555${Math.floor(1_000_000 + Math.random() * 8_999_999)}`, label: `${label} ${uniqueSuffix()}` } });
}

/**
 * One company with texts on 2025-03-03..05 and around them, plus traffic that must not count:
 * WhatsApp, web chat, SYSTEM rows, a widget message without texts, a member who had left, another company.
 */
async function usageScenario() {
  const company = await createCompany("Usage Co");
  const admin = await createUser(company.id, { role: "ADMIN", name: "Zed Admin" });
  const ann = await createUser(company.id, { name: "Ann Agent" });
  const ben = await createUser(company.id, { name: "Ben Agent" });
  const cat = await createUser(company.id, { name: "Cat Quiet" });
  const dan = await createUser(company.id, { name: "Dan Left" });
  const queue = await createQueue(company.id, { memberIds: [ann.id, ben.id] });
  const queueLine = await smsAddress(company.id, queue.id, "Queue line");
  const directLine = await smsAddress(company.id, null, "Direct line");
  const quietLine = await smsAddress(company.id, null, "Quiet line");
  const whatsapp = await createAddress(company.id, queue.id, "WHATSAPP");
  const webchat = await createAddress(company.id, queue.id, "WEBCHAT");
  await db.userNumber.createMany({ data: [{ userId: ben.id, channelAddressId: directLine.id }, { userId: cat.id, channelAddressId: quietLine.id }] });

  await conversationWith({
    companyId: company.id, queueId: queue.id, addressId: queueLine.id, channel: "SMS", assigneeId: ann.id,
    messages: [
      { direction: "INBOUND", at: "2025-03-02T23:59:59.999Z" }, // the day before the period
      { direction: "INBOUND", at: "2025-03-03T23:59:59.999Z" },
      { direction: "OUTBOUND", at: "2025-03-04T00:00:00.000Z", authorUserId: ann.id },
      { direction: "OUTBOUND", at: "2025-03-04T10:00:00.000Z", authorUserId: ann.id, status: "FAILED" },
      { direction: "SYSTEM", at: "2025-03-04T11:00:00.000Z" },
      { direction: "INBOUND", at: "2025-03-05T09:00:00.000Z" },
      { direction: "OUTBOUND", at: "2025-03-06T00:00:00.000Z", authorUserId: ann.id }, // the day after
    ],
  });
  for (const [channel, addressId] of [["WHATSAPP", whatsapp.id], ["WEBCHAT", webchat.id]] as const) {
    await conversationWith({
      companyId: company.id, queueId: queue.id, addressId, channel, assigneeId: ann.id,
      messages: [{ direction: "INBOUND", at: "2025-03-04T08:00:00Z" }, { direction: "OUTBOUND", at: "2025-03-04T08:01:00Z", authorUserId: ann.id }],
    });
  }
  await smsRoomWith({
    companyId: company.id, fromAddressId: directLine.id,
    members: [{ userId: ann.id }, { userId: ben.id }, { userId: dan.id, leftAt: "2025-03-01T00:00:00Z" }],
    messages: [
      { at: "2025-03-04T12:00:00Z", authorUserId: ben.id, deliveries: [{ toPhone: "+15557770001", status: "DELIVERED" }, { toPhone: "+15557770002", status: "FAILED" }] },
      { at: "2025-03-04T12:30:00Z", kind: "SYSTEM" },
      { at: "2025-03-05T13:00:00Z", fromPhone: "+15557770001" },
    ],
  });

  const other = await createCompany("Other Co");
  const otherAgent = await createUser(other.id, { name: "Olga Other" });
  const otherQueue = await createQueue(other.id, { memberIds: [otherAgent.id] });
  const otherLine = await smsAddress(other.id, otherQueue.id, "Other line");
  await conversationWith({
    companyId: other.id, queueId: otherQueue.id, addressId: otherLine.id, channel: "SMS", assigneeId: otherAgent.id,
    messages: [{ direction: "INBOUND", at: "2025-03-04T08:00:00Z" }, { direction: "OUTBOUND", at: "2025-03-04T08:01:00Z", authorUserId: otherAgent.id }],
  });
  await smsRoomWith({
    companyId: other.id, fromAddressId: otherLine.id, members: [{ userId: otherAgent.id }],
    messages: [{ at: "2025-03-04T12:00:00Z", authorUserId: otherAgent.id, deliveries: [{ toPhone: "+15557770001", status: "SENT" }] }, { at: "2025-03-05T12:00:00Z", fromPhone: "+15557770001" }],
  });

  return { company, admin, ann, ben, cat, dan, queueLine, directLine, quietLine };
}

const day = (d: string, inbound: number, outbound: number, failed = 0) => ({ day: d, inbound, outbound, failed });

describe("GET /api/v1/reports/sms-usage", () => {
  it("counts SMS in and out per number, per user and per UTC day, and nothing else", async () => {
    const s = await usageScenario();
    const answer = await callRoute<SmsUsageDto>(smsUsageRoute.GET, "GET", { token: await apiTokenFor(s.admin.id), query: { from: "2025-03-03", to: "2025-03-05" } });

    expect(answer.status).toBe(200);
    expect(answer.body.from).toBe("2025-03-03");
    expect(answer.body.to).toBe("2025-03-05");
    expect(answer.body.days).toEqual(["2025-03-03", "2025-03-04", "2025-03-05"]);
    const numbers = [s.queueLine, s.directLine, s.quietLine].sort((a, b) => a.address.localeCompare(b.address));
    const expectedNumbers = {
      [s.queueLine.id]: { days: [day("2025-03-03", 1, 0), day("2025-03-04", 0, 2, 1), day("2025-03-05", 1, 0)], inbound: 2, outbound: 2, failed: 1 },
      // The group SMS to two phones is two texts out, one of which failed.
      [s.directLine.id]: { days: [day("2025-03-03", 0, 0), day("2025-03-04", 0, 2, 1), day("2025-03-05", 1, 0)], inbound: 1, outbound: 2, failed: 1 },
      [s.quietLine.id]: { days: [day("2025-03-03", 0, 0), day("2025-03-04", 0, 0), day("2025-03-05", 0, 0)], inbound: 0, outbound: 0, failed: 0 },
    };
    expect(answer.body.byNumber).toEqual(numbers.map((n) => ({ addressId: n.id, number: n.address, label: n.label, ...expectedNumbers[n.id] })));

    expect(answer.body.byUser).toEqual([
      // Ann: assignee of the queue conversation (inbound), author of its replies, and a member of the room (its inbound text).
      { userId: s.ann.id, name: "Ann Agent", days: [day("2025-03-03", 1, 0), day("2025-03-04", 0, 2, 1), day("2025-03-05", 2, 0)], inbound: 3, outbound: 2, failed: 1 },
      // Ben wrote the group SMS (two texts) and is in the room.
      { userId: s.ben.id, name: "Ben Agent", days: [day("2025-03-03", 0, 0), day("2025-03-04", 0, 2, 1), day("2025-03-05", 1, 0)], inbound: 1, outbound: 2, failed: 1 },
      // Cat has a number but sent nothing; Dan left the room before the texts and has no number, so is not listed.
      { userId: s.cat.id, name: "Cat Quiet", days: [day("2025-03-03", 0, 0), day("2025-03-04", 0, 0), day("2025-03-05", 0, 0)], inbound: 0, outbound: 0, failed: 0 },
    ]);
    expect(answer.body.totals).toEqual({ days: [day("2025-03-03", 1, 0), day("2025-03-04", 0, 4, 2), day("2025-03-05", 2, 0)], inbound: 3, outbound: 4, failed: 2 });
  });

  it("a one-day period counts only that UTC day", async () => {
    const s = await usageScenario();
    const answer = await callRoute<SmsUsageDto>(smsUsageRoute.GET, "GET", { token: await apiTokenFor(s.admin.id), query: { from: "2025-03-06", to: "2025-03-06" } });
    expect(answer.status).toBe(200);
    expect(answer.body.totals).toEqual({ days: [day("2025-03-06", 0, 1)], inbound: 0, outbound: 1, failed: 0 });
    expect(answer.body.byNumber.find((n) => n.addressId === s.queueLine.id)?.outbound).toBe(1);
  });

  it("without dates shows the last 7 days including today, counting a text sent now", async () => {
    const s = await usageScenario();
    const now = new Date();
    const contact = await createContact(s.company.id);
    await db.conversation.create({
      data: {
        companyId: s.company.id, queueId: s.queueLine.queueId!, channelAddressId: s.queueLine.id, contactId: contact.id, channel: "SMS", assigneeId: s.ann.id, lastSeq: 1,
        messages: { create: [{ seq: 1, direction: "OUTBOUND", status: "SENT", body: "hi", authorUserId: s.ann.id, createdAt: now }] },
      },
    });
    const answer = await callRoute<SmsUsageDto>(smsUsageRoute.GET, "GET", { token: await apiTokenFor(s.admin.id) });
    const today = now.toISOString().slice(0, 10);
    expect(answer.status).toBe(200);
    expect(answer.body.days).toHaveLength(7);
    expect(answer.body.to).toBe(today);
    expect(answer.body.days.at(-1)).toBe(today);
    expect(answer.body.totals.outbound).toBe(1);
    expect(answer.body.totals.days.at(-1)).toEqual(day(today, 0, 1));
  });

  it("is for administrators only: an agent and a supervisor get 403", async () => {
    const s = await usageScenario();
    const supervisor = await createUser(s.company.id, { role: "SUPERVISOR" });
    for (const user of [s.ann, supervisor]) {
      const answer = await callRoute<ErrorAnswer>(smsUsageRoute.GET, "GET", { token: await apiTokenFor(user.id), query: { from: "2025-03-03", to: "2025-03-05" } });
      expect(answer.status).toBe(403);
      expect(answer.body.error.code).toBe("FORBIDDEN");
    }
  });

  it("refuses a start date after the end date, an over-long period and a non-date with 422", async () => {
    const s = await usageScenario();
    const token = await apiTokenFor(s.admin.id);
    const reversed = await callRoute<ErrorAnswer>(smsUsageRoute.GET, "GET", { token, query: { from: "2025-03-05", to: "2025-03-03" } });
    expect(reversed).toMatchObject({
      status: 422,
      body: { error: { code: "VALIDATION", message: "The start date (2025-03-05) is after the end date (2025-03-03). Choose a start date on or before the end date." } },
    });

    const longest = await callRoute<SmsUsageDto>(smsUsageRoute.GET, "GET", { token, query: { from: "2024-01-01", to: "2024-12-31" } });
    expect(longest.status).toBe(200);
    expect(longest.body.days).toHaveLength(366);
    const tooLong = await callRoute<ErrorAnswer>(smsUsageRoute.GET, "GET", { token, query: { from: "2024-01-01", to: "2025-01-01" } });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.error.message).toBe("A period can be at most 366 days; 2024-01-01 to 2025-01-01 is 367 days.");

    for (const from of ["2025-02-30", "03/01/2025"]) {
      const bad = await callRoute<ErrorAnswer>(smsUsageRoute.GET, "GET", { token, query: { from, to: "2025-03-05" } });
      expect(bad.status).toBe(422);
      expect(bad.body.error.message).toMatch(/^Invalid input — from: /);
    }
  });
});
