import { withAuth, json } from "@/lib/http/with-auth";
import { parseJsonBody } from "@/lib/http/respond";
import { createApiToken, createTokenInputSchema, listApiTokens } from "@/lib/users/api-token-admin";

export const GET = withAuth(async ({ principal }) => json({ items: await listApiTokens({ principal }) }));

export const POST = withAuth(async ({ req, principal }) => {
  const { name } = await parseJsonBody(req, createTokenInputSchema);
  return json(await createApiToken({ principal, name }), 201);
});
