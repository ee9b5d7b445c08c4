import { withAuth, json } from "@/lib/http/with-auth";
import { parseJsonBody } from "@/lib/http/respond";
import { assignNumberUsers, numberUsersInputSchema } from "@/lib/channels/number-config";

export const PUT = withAuth<{ id: string }>(
  async ({ req, principal, params }) => json({ number: await assignNumberUsers({ principal, numberId: params.id, input: await parseJsonBody(req, numberUsersInputSchema) }) }),
  { role: "SUPERVISOR" },
);
