import { withAuth, json } from "@/lib/http/with-auth";
import { acceptOffer } from "@/lib/conversations/respond-to-offer";

export const POST = withAuth<{ id: string }>(async ({ principal, params }) => json({ conversation: await acceptOffer({ principal, conversationId: params.id }) }));
