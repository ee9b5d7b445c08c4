import { NextResponse, type NextRequest } from "next/server";
import { withErrors } from "@/lib/http/with-customer";
import { parseJsonBody } from "@/lib/http/respond";
import { startWebchatInputSchema, startWebchatSession } from "@/lib/webchat/start-webchat-session";

export const POST = withErrors(async (req: NextRequest, context: { params: Promise<{ entry: string }> }) => {
  const { entry } = await context.params;
  const input = await parseJsonBody(req, startWebchatInputSchema);
  return NextResponse.json(await startWebchatSession({ entry, input }), { status: 201 });
});
