import { z } from "zod";
import { withAuth, json } from "@/lib/http/with-auth";
import { parseJsonBody } from "@/lib/http/respond";
import { markRead } from "@/lib/conversations/mark-read";

const bodySchema = z.object({ upToSeq: z.number().int().min(0) });

export const POST = withAuth<{ id: string }>(async ({ req, principal, params }) => {
  const { upToSeq } = await parseJsonBody(req, bodySchema);
  return json(await markRead({ principal, conversationId: params.id, upToSeq }));
});
