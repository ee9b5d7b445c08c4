import { z } from "zod";
import { withAuth, json } from "@/lib/http/with-auth";
import { parseQuery } from "@/lib/http/respond";
import { conversationSortSchema, listActiveConversations } from "@/lib/conversations/list-active-conversations";

const querySchema = z.object({ sort: conversationSortSchema });

export const GET = withAuth(async ({ req, principal }) => {
  const { sort } = parseQuery(req.url, querySchema);
  return json({ items: await listActiveConversations({ principal, sort }) });
});
