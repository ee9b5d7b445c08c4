import { withAuth, json } from "@/lib/http/with-auth";
import { getQueueBoard } from "@/lib/routing/queue-board";

export const GET = withAuth(async ({ principal }) => json({ queues: await getQueueBoard({ principal }) }), { role: "SUPERVISOR" });
