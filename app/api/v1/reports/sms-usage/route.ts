import { withAuth, json } from "@/lib/http/with-auth";
import { parseQuery } from "@/lib/http/respond";
import { getSmsUsage, smsUsageQuerySchema } from "@/lib/reports/sms-usage";

/** SMS in/out per number and per user per day: `?from=YYYY-MM-DD&to=YYYY-MM-DD` (UTC days, default the last 7). */
export const GET = withAuth(async ({ req, principal }) => json(await getSmsUsage({ principal, query: parseQuery(req.url, smsUsageQuerySchema) })), { role: "ADMIN" });
