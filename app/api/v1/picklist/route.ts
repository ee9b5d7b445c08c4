import { withAuth, json } from "@/lib/http/with-auth";
import { listPicklist } from "@/lib/conversations/list-picklist";

export const GET = withAuth(async ({ principal }) => json({ items: await listPicklist({ principal }) }));
