import { withAuth } from "@/lib/http/with-auth";
import { getMeetingInvite } from "@/lib/meetings/meeting-invite";

/** The calendar file itself; failures stay JSON `{ error }` like every other route. */
export const GET = withAuth<{ id: string }>(async ({ principal, params }) =>
  new Response(await getMeetingInvite({ principal, meetingId: params.id }), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'attachment; filename="meeting.ics"',
      "Cache-Control": "private, no-store",
    },
  }),
);
