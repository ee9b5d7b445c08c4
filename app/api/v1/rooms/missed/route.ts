import { withAuth, json } from "@/lib/http/with-auth";
import { missedMessages } from "@/lib/rooms/list-rooms";

export const GET = withAuth(async ({ principal }) => json(await missedMessages({ principal })));
