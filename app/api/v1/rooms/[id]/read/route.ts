import { withAuth, json } from "@/lib/http/with-auth";
import { parseJsonBody } from "@/lib/http/respond";
import { markRoomRead, markRoomReadInputSchema } from "@/lib/rooms/room-actions";

export const POST = withAuth<{ id: string }>(async ({ req, principal, params }) => {
  const { upToSeq } = await parseJsonBody(req, markRoomReadInputSchema);
  return json(await markRoomRead({ principal, roomId: params.id, upToSeq }));
});
