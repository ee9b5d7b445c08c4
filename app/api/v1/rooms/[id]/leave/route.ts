import { withAuth, json } from "@/lib/http/with-auth";
import { leaveRoom } from "@/lib/rooms/room-actions";

export const POST = withAuth<{ id: string }>(async ({ principal, params }) => {
  await leaveRoom({ principal, roomId: params.id });
  return json({ ok: true });
});
