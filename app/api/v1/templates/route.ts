import { withAuth, json } from "@/lib/http/with-auth";
import { listTemplates } from "@/lib/messages/list-templates";

export const GET = withAuth(async ({ principal }) => json({ items: await listTemplates({ principal }) }));
