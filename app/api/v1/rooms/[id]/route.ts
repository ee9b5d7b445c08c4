import { withAuth, json } from "@/lib/http/with-auth";
import { parseJsonBody } from "@/lib/http/respond";
import { getRoom } from "@/lib/rooms/list-rooms";
import { deleteRoomForMe, roomSettingsInputSchema, updateRoomSettings } from "@/lib/rooms/room-actions";

export const GET = withAuth<{ id: string }>(async ({ principal, params }) => json({ room: await getRoom({ principal, roomId: params.id }) }));

/** Mute or rename. */
export const PATCH = withAuth<{ id: string }>(async ({ req, principal, params }) => {
  await updateRoomSettings({ principal, roomId: params.id, input: await parseJsonBody(req, roomSettingsInputSchema) });
  return json({ room: await getRoom({ principal, roomId: params.id }) });
});

/** Delete for you: the history is hidden from you; the conversation comes back if someone writes again. */
export const DELETE = withAuth<{ id: string }>(async ({ principal, params }) => {
  await deleteRoomForMe({ principal, roomId: params.id });
  return json({ ok: true });
});
