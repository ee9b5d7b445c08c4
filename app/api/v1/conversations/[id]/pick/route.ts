import { withAuth, json } from "@/lib/http/with-auth";
import { pickConversation } from "@/lib/conversations/pick-conversation";

export const POST = withAuth<{ id: string }>(async ({ principal, params }) => json({ conversation: await pickConversation({ principal, conversationId: params.id }) }));
