import { withAuth, json } from "@/lib/http/with-auth";
import { parseJsonBody } from "@/lib/http/respond";
import { meetingInputSchema, startMeeting } from "@/lib/meetings/start-meeting";

export const POST = withAuth<{ id: string }>(async ({ req, principal, params }) =>
  json(await startMeeting({ principal, roomId: params.id, input: await parseJsonBody(req, meetingInputSchema) }), 201),
);
