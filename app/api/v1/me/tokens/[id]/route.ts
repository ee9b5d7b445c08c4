import { withAuth, json } from "@/lib/http/with-auth";
import { revokeApiToken } from "@/lib/users/api-token-admin";

export const DELETE = withAuth<{ id: string }>(async ({ principal, params }) => {
  await revokeApiToken({ principal, tokenId: params.id });
  return json({ ok: true });
});
