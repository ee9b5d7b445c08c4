import { withAuth, json } from "@/lib/http/with-auth";
import { parseJsonBody } from "@/lib/http/respond";
import { placeCall, placeCallInputSchema } from "@/lib/calls/place-call";

export const POST = withAuth(async ({ req, principal }) => {
  const input = await parseJsonBody(req, placeCallInputSchema);
  return json({ call: await placeCall({ principal, input }) }, 201);
});
