import { withAuth, json } from "@/lib/http/with-auth";
import { getConversationDetails } from "@/lib/conversations/get-conversation-details";

export const GET = withAuth<{ id: string }>(async ({ principal, params }) => json(await getConversationDetails({ principal, conversationId: params.id })));
