import { withAuth, json } from "@/lib/http/with-auth";
import { parseJsonBody } from "@/lib/http/respond";
import { transferConversation, transferInputSchema } from "@/lib/conversations/transfer-conversation";

export const POST = withAuth<{ id: string }>(async ({ req, principal, params }) => {
  const input = await parseJsonBody(req, transferInputSchema);
  await transferConversation({ principal, conversationId: params.id, input });
  return json({ ok: true });
});
