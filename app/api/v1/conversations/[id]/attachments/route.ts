import { withAuth, json } from "@/lib/http/with-auth";
import { uploadFromRequest } from "@/lib/http/upload-request";
import { uploadAgentAttachment } from "@/lib/files/upload-agent-attachment";

/** Upload one file (raw body, ?name=); it is checked by the file-validation worker before it can be sent. */
export const POST = withAuth<{ id: string }>(async ({ req, principal, params }) =>
  json({ attachment: await uploadAgentAttachment({ principal, conversationId: params.id, ...uploadFromRequest(req) }) }, 201),
);
