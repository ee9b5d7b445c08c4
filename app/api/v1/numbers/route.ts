import { withAuth, json } from "@/lib/http/with-auth";
import { parseJsonBody } from "@/lib/http/respond";
import { listNumbers, numberInputSchema, saveNumber } from "@/lib/channels/number-config";

export const GET = withAuth(async ({ principal }) => json({ items: await listNumbers({ principal }) }), { role: "SUPERVISOR" });
export const POST = withAuth(async ({ req, principal }) => json({ number: await saveNumber({ principal, input: await parseJsonBody(req, numberInputSchema) }) }, 201), { role: "SUPERVISOR" });
