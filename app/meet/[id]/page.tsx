import { notFound } from "next/navigation";
import { requirePagePrincipal } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { requireMeetingMember } from "@/lib/meetings/meeting-invite";
import { meetingInvitePath, toMeetingDto } from "@/lib/meetings/start-meeting";
import { MeetingRoom } from "@/components/meetings/meeting-room";

// Answers (or redirects) only once it knows who is asking: no static frame first.
export const instant = false;

export const metadata = { title: "Meeting" };

/** A meeting link from a chat: only the chat's current members may open it; anyone else sees "not found". */
export default async function MeetingPage({ params }: { params: Promise<{ id: string }> }) {
  const principal = await requirePagePrincipal("AGENT");
  const { id } = await params;
  let meeting;
  try {
    meeting = toMeetingDto(await requireMeetingMember(principal, id));
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  return <MeetingRoom meeting={meeting} invitePath={meeting.kind === "scheduled" ? meetingInvitePath(meeting.id) : null} userName={principal.name} />;
}
