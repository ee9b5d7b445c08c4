import { withAuth, json } from "@/lib/http/with-auth";
import { endConversation } from "@/lib/conversations/end-conversation";

export const POST = withAuth<{ id: string }>(async ({ principal, params }) => json(await endConversation({ principal, conversationId: params.id })));
