import { withAuth, json } from "@/lib/http/with-auth";
import { parseJsonBody, parseQuery } from "@/lib/http/respond";
import { listMessages, listMessagesQuerySchema } from "@/lib/messages/list-messages";
import { sendAgentMessage, sendMessageInputSchema } from "@/lib/messages/send-agent-message";

export const GET = withAuth<{ id: string }>(async ({ req, principal, params }) =>
  json(await listMessages({ principal, conversationId: params.id, query: parseQuery(req.url, listMessagesQuerySchema) })),
);

export const POST = withAuth<{ id: string }>(async ({ req, principal, params }) => {
  const input = await parseJsonBody(req, sendMessageInputSchema);
  return json({ message: await sendAgentMessage({ principal, conversationId: params.id, input }) }, 201);
});
