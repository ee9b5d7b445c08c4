import { withAuth, json } from "@/lib/http/with-auth";
import { parseQuery } from "@/lib/http/respond";
import { historyQuerySchema, listHistory } from "@/lib/conversations/list-history";

export const GET = withAuth(async ({ req, principal }) => json(await listHistory({ principal, query: parseQuery(req.url, historyQuerySchema) })));
