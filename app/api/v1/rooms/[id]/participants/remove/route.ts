import { withAuth, json } from "@/lib/http/with-auth";
import { parseJsonBody } from "@/lib/http/respond";
import { getRoom } from "@/lib/rooms/list-rooms";
import { removeParticipant, removeParticipantInputSchema } from "@/lib/rooms/room-actions";

export const POST = withAuth<{ id: string }>(async ({ req, principal, params }) => {
  await removeParticipant({ principal, roomId: params.id, input: await parseJsonBody(req, removeParticipantInputSchema) });
  return json({ room: await getRoom({ principal, roomId: params.id }) });
});
