import { withAuth, json } from "@/lib/http/with-auth";
import { parseJsonBody } from "@/lib/http/respond";
import { CHANNEL_LIMIT_BYTES, filePolicyInputSchema, getFilePolicy, updateFilePolicy } from "@/lib/files/file-policy";

/** Any signed-in user may read the limits (the composer shows them); only admins change them. */
export const GET = withAuth(async ({ principal }) => json({ policy: await getFilePolicy({ companyId: principal.companyId }), channelLimits: CHANNEL_LIMIT_BYTES }));
export const PUT = withAuth(async ({ req, principal }) => json({ policy: await updateFilePolicy({ principal, input: await parseJsonBody(req, filePolicyInputSchema) }) }), { role: "ADMIN" });
