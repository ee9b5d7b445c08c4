import { withAuth, json } from "@/lib/http/with-auth";
import { retryMessage } from "@/lib/messages/retry-message";

export const POST = withAuth<{ id: string; messageId: string }>(async ({ principal, params }) => {
  await retryMessage({ principal, conversationId: params.id, messageId: params.messageId });
  return json({ ok: true });
});
