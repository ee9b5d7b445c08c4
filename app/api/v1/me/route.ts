import { withAuth, json } from "@/lib/http/with-auth";
import { parseJsonBody } from "@/lib/http/respond";
import { getSettings, settingsInputSchema, updateSettings } from "@/lib/users/settings";

export const GET = withAuth(async ({ principal }) => json({ user: principal, settings: await getSettings({ principal }) }));

export const PATCH = withAuth(async ({ req, principal }) => json({ settings: await updateSettings({ principal, input: await parseJsonBody(req, settingsInputSchema) }) }));
