import { withAuth, json } from "@/lib/http/with-auth";
import { parseJsonBody } from "@/lib/http/respond";
import { lookupRoom, roomTargetInputSchema } from "@/lib/rooms/start-room";

export const POST = withAuth(async ({ req, principal }) => json(await lookupRoom({ principal, input: await parseJsonBody(req, roomTargetInputSchema) })));
