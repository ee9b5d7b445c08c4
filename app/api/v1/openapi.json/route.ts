import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/api/openapi";

/** Public: the API's description is not a secret; every operation still needs a token. */
export function GET() {
  return NextResponse.json(openApiDocument());
}
