import { withAuth, json } from "@/lib/http/with-auth";
import { parseJsonBody, parseQuery } from "@/lib/http/respond";
import { listRoomMessages, listRoomMessagesQuerySchema } from "@/lib/rooms/list-room-messages";
import { roomMessageInputSchema, sendRoomMessage } from "@/lib/rooms/send-room-message";

export const GET = withAuth<{ id: string }>(async ({ req, principal, params }) =>
  json(await listRoomMessages({ principal, roomId: params.id, query: parseQuery(req.url, listRoomMessagesQuerySchema) })),
);

export const POST = withAuth<{ id: string }>(async ({ req, principal, params }) =>
  json({ message: await sendRoomMessage({ principal, roomId: params.id, input: await parseJsonBody(req, roomMessageInputSchema) }) }, 201),
);
