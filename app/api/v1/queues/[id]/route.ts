import { withAuth, json } from "@/lib/http/with-auth";
import { parseJsonBody } from "@/lib/http/respond";
import { queueInputSchema, saveQueue } from "@/lib/routing/queue-config";

export const PUT = withAuth<{ id: string }>(
  async ({ req, principal, params }) => json({ queue: await saveQueue({ principal, queueId: params.id, input: await parseJsonBody(req, queueInputSchema) }) }),
  { role: "SUPERVISOR" },
);
