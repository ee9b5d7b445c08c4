/**
 * Video in widget chats through the real route handlers: a meeting link is
 * posted into the chat (stored and live), a scheduled meeting has a calendar
 * invite only the chat's members can fetch, and SMS conversations, bad times
 * and outsiders are refused.
 */
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { db } from "@/lib/db";
import { publicUrl } from "@/lib/env";
import { openApiDocument } from "@/lib/api/openapi";
import { NO_VIDEO_IN_SMS, type StartedMeeting } from "@/lib/meetings/start-meeting";
import * as meetingsRoute from "@/app/api/v1/rooms/[id]/meetings/route";
import * as inviteRoute from "@/app/api/v1/meetings/[id]/invite.ics/route";
import * as messagesRoute from "@/app/api/v1/rooms/[id]/messages/route";
import type { RoomMessageDto } from "@/lib/rooms/dto";
import { apiTokenFor, callRoute } from "../../support/http";
import { createCompany, createUser } from "../../support/factories";
import { recordAll, socketSuite, waitForEvent } from "../../support/scenarios";

type ErrorBody = { error: { code: string; message: string; fields?: Array<{ path: string; message: string }> } };

const sockets = socketSuite();

/** Two colleagues in a chat, a third colleague outside it, and an SMS conversation of the first. */
async function chatOfTwo() {
  const company = await createCompany();
  const [a, b, outsider] = await Promise.all([createUser(company.id, { name: "Ada Organizer" }), createUser(company.id, { name: "Bob Guest" }), createUser(company.id, { name: "Olga Outside" })]);
  const chat = await db.room.create({ data: { companyId: company.id, kind: "CHAT", members: { create: [{ userId: a.id }, { userId: b.id }] } } });
  const sms = await db.room.create({ data: { companyId: company.id, kind: "SMS", members: { create: [{ userId: a.id }] } } });
  const [tokenA, tokenB, tokenOutsider] = await Promise.all([apiTokenFor(a.id), apiTokenFor(b.id), apiTokenFor(outsider.id)]);
  return { company, a, b, outsider, chat, sms, tokenA, tokenB, tokenOutsider };
}

function startMeeting(token: string, roomId: string, body: unknown) {
  return callRoute<StartedMeeting & ErrorBody>(meetingsRoute.POST, "POST", { token, params: { id: roomId }, body });
}

/** The invite route answers a file, not JSON: read it as text. */
async function fetchInvite(token: string, meetingId: string) {
  const req = new NextRequest(new URL(`http://localhost/api/v1/meetings/${meetingId}/invite.ics`), { headers: { authorization: `Bearer ${token}` } });
  const res = await inviteRoute.GET(req, { params: Promise.resolve({ id: meetingId }) });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** iCalendar folds lines at 75 octets; unfold before looking for values. */
const unfold = (ics: string) => ics.replace(/\r?\n[ \t]/g, "");

/** Tomorrow at 14:30 UTC, to the second, so DTSTART is predictable. */
function tomorrowAt1430() {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + 1);
  date.setUTCHours(14, 30, 0, 0);
  return date;
}

describe("starting a video meeting in a chat", () => {
  it("posts the meeting link into the chat as the caller's message (seq 1), live for the other member, and stores the meeting", async () => {
    const { a, b, chat, tokenA, tokenB } = await chatOfTwo();
    const bEvents = recordAll(await sockets.agent(b));

    const answer = await startMeeting(tokenA, chat.id, { kind: "instant" });

    expect(answer.status).toBe(201);
    const { meeting, message } = answer.body;
    expect(meeting).toMatchObject({ kind: "instant", url: `${publicUrl()}/meet/${meeting.id}`, startsAt: null, durationMinutes: null });
    expect(meeting.inviteUrl).toBeUndefined();
    expect(message).toMatchObject({ roomId: chat.id, seq: 1, kind: "TEXT", authorUserId: a.id, clientMessageId: `meeting:${meeting.id}` });
    expect(message.body).toBe(`📹 Join my video meeting: ${meeting.url}`);

    const stored = await db.roomMessage.findMany({ where: { roomId: chat.id }, select: { seq: true, body: true, authorUserId: true } });
    expect(stored).toEqual([{ seq: 1, body: expect.stringContaining(meeting.url) as string, authorUserId: a.id }]);
    expect(await db.meeting.findUnique({ where: { id: meeting.id }, select: { roomId: true, createdById: true, kind: true } })).toEqual({ roomId: chat.id, createdById: a.id, kind: "instant" });

    expect(await waitForEvent(bEvents, "room:message", chat.id)).toMatchObject({ message: { id: message.id, body: message.body } });
    const history = await callRoute<{ messages: RoomMessageDto[] }>(messagesRoute.GET, "GET", { token: tokenB, params: { id: chat.id } });
    expect(history.body.messages.map((m) => m.body)).toEqual([message.body]);
  });

  it("screen share posts its own link with the next seq", async () => {
    const { chat, tokenA, tokenB } = await chatOfTwo();
    await startMeeting(tokenA, chat.id, { kind: "instant" });

    const share = await startMeeting(tokenB, chat.id, { kind: "screen-share" });

    expect(share.status).toBe(201);
    expect(share.body.meeting.kind).toBe("screen-share");
    expect(share.body.message).toMatchObject({ seq: 2, body: `🖥️ I'm sharing my screen: ${share.body.meeting.url}` });
  });
});

describe("scheduling a meeting", () => {
  it("posts the time and links, and members get a valid calendar invite with the start, duration, link and people", async () => {
    const { a, b, chat, tokenA, tokenB } = await chatOfTwo();
    const startsAt = tomorrowAt1430();

    const answer = await startMeeting(tokenA, chat.id, { kind: "scheduled", title: "Quarterly review", startsAt: startsAt.toISOString(), durationMinutes: 45 });

    expect(answer.status).toBe(201);
    const { meeting, message } = answer.body;
    expect(meeting).toMatchObject({ kind: "scheduled", title: "Quarterly review", startsAt: startsAt.toISOString(), durationMinutes: 45, inviteUrl: `${publicUrl()}/api/v1/meetings/${meeting.id}/invite.ics` });
    const day = startsAt.toISOString().slice(0, 10);
    expect(message.body).toBe(`📅 Meeting scheduled: Quarterly review, ${day} 14:30 UTC (45 min) — ${meeting.url} · Calendar invite: ${meeting.inviteUrl}`);

    const invite = await fetchInvite(tokenB, meeting.id);
    expect(invite.status).toBe(200);
    expect(invite.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(invite.headers.get("content-disposition")).toBe('attachment; filename="meeting.ics"');
    const ics = unfold(invite.text);
    expect(ics.startsWith("BEGIN:VCALENDAR")).toBe(true);
    expect(ics).toContain("BEGIN:VEVENT");
    expect(ics).toContain("END:VCALENDAR");
    expect(ics).toContain(`DTSTART:${day.replaceAll("-", "")}T143000Z`);
    expect(ics).toContain("DURATION:PT45M");
    expect(ics).toContain("SUMMARY:Quarterly review");
    expect(ics).toContain(`URL:${meeting.url}`);
    expect(ics).toMatch(new RegExp(`^ORGANIZER;CN="?Ada Organizer"?:mailto:${a.email}\r?$`, "im"));
    expect(ics).toMatch(new RegExp(`^ATTENDEE;.*CN="?Bob Guest"?:mailto:${b.email}\r?$`, "im"));
  });

  it("only current members of the chat can fetch the invite: outsiders, other companies and members who left get 404", async () => {
    const { b, chat, tokenA, tokenB, tokenOutsider } = await chatOfTwo();
    const { body } = await startMeeting(tokenA, chat.id, { kind: "scheduled", title: "Planning", startsAt: tomorrowAt1430().toISOString(), durationMinutes: 30 });
    const stranger = await createUser((await createCompany()).id);

    const outsider = await fetchInvite(tokenOutsider, body.meeting.id);
    expect(outsider.status).toBe(404);
    expect((JSON.parse(outsider.text) as ErrorBody).error.code).toBe("NOT_FOUND");
    expect((await fetchInvite(await apiTokenFor(stranger.id), body.meeting.id)).status).toBe(404);

    await db.roomMember.update({ where: { roomId_userId: { roomId: chat.id, userId: b.id } }, data: { leftAt: new Date() } });
    expect((await fetchInvite(tokenB, body.meeting.id)).status).toBe(404);
  });

  it("an instant meeting has no calendar invite", async () => {
    const { chat, tokenA } = await chatOfTwo();
    const { body } = await startMeeting(tokenA, chat.id, { kind: "instant" });
    expect((await fetchInvite(tokenA, body.meeting.id)).status).toBe(404);
  });

  it("a start in the past, or a duration out of range, is a 422 naming the field, and nothing is posted", async () => {
    const { chat, tokenA } = await chatOfTwo();

    const past = await startMeeting(tokenA, chat.id, { kind: "scheduled", title: "Too late", startsAt: new Date(Date.now() - 60_000).toISOString(), durationMinutes: 30 });
    expect(past.status).toBe(422);
    expect(past.body.error.fields).toEqual([{ path: "startsAt", message: "The meeting must start in the future." }]);

    const long = await startMeeting(tokenA, chat.id, { kind: "scheduled", title: "Marathon", startsAt: tomorrowAt1430().toISOString(), durationMinutes: 600 });
    expect(long.status).toBe(422);
    expect(long.body.error.fields?.map((f) => f.path)).toEqual(["durationMinutes"]);

    expect(await db.roomMessage.count({ where: { roomId: chat.id } })).toBe(0);
    expect(await db.meeting.count({ where: { roomId: chat.id } })).toBe(0);
  });
});

describe("where video is not offered", () => {
  it("an SMS conversation answers 422 with the reason, and nothing is created", async () => {
    const { sms, tokenA } = await chatOfTwo();

    const answer = await startMeeting(tokenA, sms.id, { kind: "instant" });

    expect(answer.status).toBe(422);
    expect(answer.body.error).toEqual({ code: "VALIDATION", message: NO_VIDEO_IN_SMS });
    expect(await db.meeting.count({ where: { roomId: sms.id } })).toBe(0);
    expect(await db.roomMessage.count({ where: { roomId: sms.id } })).toBe(0);
  });

  it("someone who is not in the chat gets 404, as if it did not exist", async () => {
    const { chat, tokenOutsider } = await chatOfTwo();

    const answer = await startMeeting(tokenOutsider, chat.id, { kind: "instant" });

    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe("NOT_FOUND");
    expect(await db.meeting.count({ where: { roomId: chat.id } })).toBe(0);
  });
});

describe("API description", () => {
  it("lists both meeting endpoints", () => {
    const paths = openApiDocument().paths as Record<string, Record<string, unknown>>;
    expect(paths["/rooms/{id}/meetings"]?.post).toBeDefined();
    expect(paths["/meetings/{id}/invite.ics"]?.get).toBeDefined();
  });
});
