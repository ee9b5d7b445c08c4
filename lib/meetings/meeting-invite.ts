/**
 * Who may open a meeting (the current members of its chat, like the chat
 * itself) and the calendar invite (.ics) of a scheduled meeting: organizer
 * = whoever scheduled it, attendees = the chat's members.
 */
import { createEvent, type Attendee, type EventAttributes } from "ics";
import { db } from "../db";
import { notFound } from "../errors";
import type { Principal } from "../auth/principal";
import { formatUtc, meetingSelect, meetingUrl } from "./start-meeting";

export const MEETING_NOT_FOUND = "That meeting does not exist or you are not in its conversation.";

/** The meeting, if the caller is still in its chat; otherwise NOT_FOUND (never tell which). */
export async function requireMeetingMember(principal: Principal, meetingId: string) {
  const meeting = await db.meeting.findFirst({
    where: { id: meetingId, room: { companyId: principal.companyId, members: { some: { userId: principal.userId, leftAt: null } } } },
    select: meetingSelect,
  });
  if (!meeting) throw notFound(MEETING_NOT_FOUND);
  return meeting;
}

/**
 * The iCalendar text of a scheduled meeting, for members of its chat.
 * Errors: NOT_FOUND (no such meeting, not a member, or not a scheduled one).
 */
export async function getMeetingInvite(options: { principal: Principal; meetingId: string }): Promise<string> {
  const meeting = await requireMeetingMember(options.principal, options.meetingId);
  if (!meeting.startsAt || !meeting.durationMinutes) throw notFound("Only scheduled meetings have a calendar invite.");

  const [organizer, members] = await Promise.all([
    meeting.createdById ? db.user.findUnique({ where: { id: meeting.createdById }, select: { id: true, name: true, email: true } }) : null,
    db.roomMember.findMany({ where: { roomId: meeting.roomId, leftAt: null }, select: { user: { select: { id: true, name: true, email: true } } }, orderBy: { joinedAt: "asc" } }),
  ]);
  const url = meetingUrl(meeting.id);
  const attendees: Attendee[] = members.map(({ user }) => ({
    name: user.name,
    email: user.email,
    rsvp: user.id !== organizer?.id,
    partstat: user.id === organizer?.id ? "ACCEPTED" : "NEEDS-ACTION",
    role: user.id === organizer?.id ? "CHAIR" : "REQ-PARTICIPANT",
  }));

  const event: EventAttributes = {
    uid: `${meeting.id}@parley`,
    productId: "parley/meetings",
    title: meeting.title,
    description: `Video meeting in Parley, ${formatUtc(meeting.startsAt)}.\nJoin: ${url}`,
    url,
    location: url,
    start: meeting.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    duration: { minutes: meeting.durationMinutes },
    status: "CONFIRMED",
    organizer: organizer ? { name: organizer.name, email: organizer.email } : undefined,
    attendees,
  };
  const { error, value } = createEvent(event);
  // Thrown as-is: the HTTP mapping logs it and answers a generic 500.
  if (error || !value) throw error ?? new Error("ics returned an empty calendar");
  return value;
}
