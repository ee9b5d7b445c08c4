import type { NextRequest } from "next/server";
import { withErrors } from "@/lib/http/with-customer";
import { requireCustomer } from "@/lib/webchat/customer-session";
import { serveFileToCustomer } from "@/lib/files/serve-file";

/** A customer's file download; the token may come as ?token= because <img> and <video> cannot send headers. */
export const GET = withErrors(async (req: NextRequest, context: { params: Promise<{ entry: string; id: string }> }) => {
  const { entry, id } = await context.params;
  const authorization = req.headers.get("authorization");
  const token = authorization?.startsWith("Bearer ") ? authorization.slice(7).trim() : req.nextUrl.searchParams.get("token");
  const claims = await requireCustomer(entry, token);
  return serveFileToCustomer({ claims, attachmentId: id, variant: req.nextUrl.searchParams.get("variant") === "thumbnail" ? "thumbnail" : "original" });
});
