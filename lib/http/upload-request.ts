/**
 * Reads an upload's metadata from the request: the raw file is the body (so
 * it streams), its name is the `name` query parameter, its declared type the
 * Content-Type and its announced size the Content-Length.
 */
import type { NextRequest } from "next/server";

export function uploadFromRequest(req: NextRequest) {
  const length = req.headers.get("content-length");
  return {
    fileName: req.nextUrl.searchParams.get("name") ?? "file",
    declaredType: req.headers.get("content-type"),
    declaredSize: length !== null && /^\d+$/.test(length) ? Number(length) : null,
    body: req.body,
  };
}
