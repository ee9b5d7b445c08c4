import { withAuth, json } from "@/lib/http/with-auth";
import { parseJsonBody } from "@/lib/http/respond";
import { listQueueConfigs, queueInputSchema, saveQueue } from "@/lib/routing/queue-config";

export const GET = withAuth(async ({ principal }) => json(await listQueueConfigs({ principal })), { role: "SUPERVISOR" });

export const POST = withAuth(async ({ req, principal }) => json({ queue: await saveQueue({ principal, input: await parseJsonBody(req, queueInputSchema) }) }, 201), { role: "SUPERVISOR" });
