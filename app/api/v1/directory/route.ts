import { withAuth, json } from "@/lib/http/with-auth";
import { listDirectory } from "@/lib/users/list-directory";

export const GET = withAuth(async ({ principal }) => json(await listDirectory({ principal })));
