import { withAuth, json } from "@/lib/http/with-auth";
import { uploadFromRequest } from "@/lib/http/upload-request";
import { uploadRoomAttachment } from "@/lib/rooms/upload-room-attachment";

/** Upload one file (raw body, ?name=) to a widget conversation; it is checked by the file-validation worker before it can be sent. */
export const POST = withAuth<{ id: string }>(async ({ req, principal, params }) =>
  json({ attachment: await uploadRoomAttachment({ principal, roomId: params.id, ...uploadFromRequest(req) }) }, 201),
);
