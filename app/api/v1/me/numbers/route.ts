import { withAuth, json } from "@/lib/http/with-auth";
import { listAssignedNumbers } from "@/lib/rooms/sms-numbers";

export const GET = withAuth(async ({ principal }) => json({ items: await listAssignedNumbers(principal) }));
