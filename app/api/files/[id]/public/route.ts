import type { NextRequest } from "next/server";
import { withErrors } from "@/lib/http/with-customer";
import { serveFileBySignedLink } from "@/lib/files/serve-file";

/** For providers fetching an outbound message's media: only with a valid, unexpired signature. */
export const GET = withErrors(async (req: NextRequest, context: { params: Promise<{ id: string }> }) => {
  const { id } = await context.params;
  return serveFileBySignedLink({ attachmentId: id, expires: req.nextUrl.searchParams.get("expires"), signature: req.nextUrl.searchParams.get("signature") });
});
