import { NextResponse, type NextRequest } from "next/server";
import { withErrors } from "@/lib/http/with-customer";
import { findWebchatEntry } from "@/lib/webchat/find-entry";
import { effectiveLimitBytes, getFilePolicy } from "@/lib/files/file-policy";

/** What a customer may attach at this entry point, shown before they pick a file. */
export const GET = withErrors(async (_req: NextRequest, context: { params: Promise<{ entry: string }> }) => {
  const entry = await findWebchatEntry((await context.params).entry);
  const policy = await getFilePolicy({ companyId: entry.companyId });
  return NextResponse.json({ allowedTypes: policy.allowedTypes, maxSizeBytes: effectiveLimitBytes(policy, "WEBCHAT") });
});
