/**
 * Video in a chat between colleagues: start a meeting now, share the screen,
 * or schedule one. Each creates a Meeting and posts its link into the chat as
 * a message from the caller, so every member sees it live and in the history.
 * SMS conversations have phone numbers on the other side: no video there.
 */
import { z } from "zod";
import { db } from "../db";
import { AppError } from "../errors";
import { publicUrl } from "../env";
import type { Principal } from "../auth/principal";
import { requireRoomMember } from "../rooms/access";
import { appendRoomMessage } from "../rooms/append-room-message";
import type { RoomMessageDto } from "../rooms/dto";
import { announceRoomMessage } from "../rooms/publish";

export const NO_VIDEO_IN_SMS = "Video meetings are for chats with colleagues, not SMS conversations.";

const YEAR_MS = 366 * 24 * 60 * 60 * 1000;

export const meetingKindSchema = z.enum(["instant", "screen-share", "scheduled"]);
export type MeetingKind = z.infer<typeof meetingKindSchema>;

export const meetingInputSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("instant") }),
  z.object({ kind: z.literal("screen-share") }),
  z.object({
    kind: z.literal("scheduled"),
    title: z.string().trim().min(1, "Give the meeting a title.").max(120, "A meeting title can be at most 120 characters."),
    // The check against "now" runs at parse time, i.e. when the request arrives.
    startsAt: z.iso
      .datetime({ offset: true, message: "startsAt must be an ISO date-time, e.g. 2030-01-31T14:30:00Z." })
      .refine((value) => Date.parse(value) > Date.now(), "The meeting must start in the future.")
      .refine((value) => Date.parse(value) <= Date.now() + YEAR_MS, "A meeting can be scheduled at most a year ahead."),
    durationMinutes: z.number().int().min(5, "A meeting lasts at least 5 minutes.").max(480, "A meeting lasts at most 8 hours (480 minutes)."),
  }),
]);
export type MeetingInput = z.infer<typeof meetingInputSchema>;

export interface MeetingDto {
  id: string;
  kind: MeetingKind;
  title: string;
  /** The page everyone in the chat opens to join. */
  url: string;
  startsAt: string | null;
  durationMinutes: number | null;
  /** Scheduled meetings: the calendar invite (.ics) for members of the chat. */
  inviteUrl?: string;
}

export interface StartedMeeting {
  meeting: MeetingDto;
  /** The message with the link, as posted into the chat. */
  message: RoomMessageDto;
}

export const meetingSelect = { id: true, roomId: true, createdById: true, kind: true, title: true, startsAt: true, durationMinutes: true } as const;

export function meetingUrl(meetingId: string): string {
  return `${publicUrl()}/meet/${meetingId}`;
}

/** Relative, for the browser (same origin as the session cookie); the absolute form goes into messages. */
export function meetingInvitePath(meetingId: string): string {
  return `/api/v1/meetings/${meetingId}/invite.ics`;
}

export function toMeetingDto(row: { id: string; kind: string; title: string; startsAt: Date | null; durationMinutes: number | null }): MeetingDto {
  const kind = meetingKindSchema.catch("instant").parse(row.kind);
  const dto: MeetingDto = { id: row.id, kind, title: row.title, url: meetingUrl(row.id), startsAt: row.startsAt?.toISOString() ?? null, durationMinutes: row.durationMinutes };
  if (kind === "scheduled") dto.inviteUrl = `${publicUrl()}${meetingInvitePath(row.id)}`;
  return dto;
}

/** "2030-01-31 14:30 UTC": unambiguous for members in any time zone. */
export function formatUtc(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function messageBody(meeting: MeetingDto): string {
  if (meeting.kind === "instant") return `📹 Join my video meeting: ${meeting.url}`;
  if (meeting.kind === "screen-share") return `🖥️ I'm sharing my screen: ${meeting.url}`;
  const when = meeting.startsAt ? formatUtc(new Date(meeting.startsAt)) : "";
  return `📅 Meeting scheduled: ${meeting.title}, ${when} (${meeting.durationMinutes} min) — ${meeting.url} · Calendar invite: ${meeting.inviteUrl}`;
}

/**
 * Creates a meeting in a chat the caller is in and posts its link there.
 * Errors: NOT_FOUND (not a member), VALIDATION (an SMS conversation).
 */
export async function startMeeting(options: { principal: Principal; roomId: string; input: MeetingInput }): Promise<StartedMeeting> {
  const { principal, roomId, input } = options;
  const { room } = await requireRoomMember(principal, roomId);
  if (room.kind !== "CHAT") throw new AppError("VALIDATION", NO_VIDEO_IN_SMS);

  const row = await db.meeting.create({
    data: {
      roomId: room.id,
      createdById: principal.userId,
      kind: input.kind,
      title: input.kind === "scheduled" ? input.title : input.kind === "instant" ? `${principal.name}'s video meeting` : `${principal.name}'s screen share`,
      startsAt: input.kind === "scheduled" ? new Date(input.startsAt) : null,
      durationMinutes: input.kind === "scheduled" ? input.durationMinutes : null,
    },
    select: meetingSelect,
  });
  const meeting = toMeetingDto(row);

  let appended;
  try {
    appended = await appendRoomMessage({ roomId: room.id, body: messageBody(meeting), authorUserId: principal.userId, clientMessageId: `meeting:${meeting.id}` });
  } catch (error) {
    // appendRoomMessage runs its own transaction: undo the meeting so nobody holds a link that was never posted.
    await db.meeting.delete({ where: { id: meeting.id } }).catch(() => undefined);
    throw error;
  }
  await announceRoomMessage(appended);
  return { meeting, message: appended.message };
}
