import { withAuth, json } from "@/lib/http/with-auth";
import { declineOffer } from "@/lib/conversations/respond-to-offer";

export const POST = withAuth<{ id: string }>(async ({ principal, params }) => {
  await declineOffer({ principal, conversationId: params.id });
  return json({ ok: true });
});
