import { withAuth, json } from "@/lib/http/with-auth";
import { parseJsonBody } from "@/lib/http/respond";
import { listRooms } from "@/lib/rooms/list-rooms";
import { startRoom, startRoomInputSchema } from "@/lib/rooms/start-room";

export const GET = withAuth(async ({ principal }) => json({ items: await listRooms({ principal }) }));

export const POST = withAuth(async ({ req, principal }) => json(await startRoom({ principal, input: await parseJsonBody(req, startRoomInputSchema) }), 201));
