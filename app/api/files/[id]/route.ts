import { withAuth } from "@/lib/http/with-auth";
import { serveFileToAgent } from "@/lib/files/serve-file";

export const GET = withAuth<{ id: string }>(async ({ req, principal, params }) =>
  serveFileToAgent({ principal, attachmentId: params.id, variant: req.nextUrl.searchParams.get("variant") === "thumbnail" ? "thumbnail" : "original" }),
);
