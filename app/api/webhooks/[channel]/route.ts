/**
 * Provider webhooks (/api/webhooks/sms, /api/webhooks/whatsapp): inbound
 * messages and delivery statuses. The signature is checked against the raw
 * body and the public URL the provider posted to.
 */
import { NextResponse, type NextRequest } from "next/server";
import { publicUrl } from "@/lib/env";
import { withErrors } from "@/lib/http/with-customer";
import { processWebhook, verifyWebhookSubscription } from "@/lib/channels/process-webhook";

type Context = { params: Promise<{ channel: string }> };

function publicRequestUrl(req: NextRequest): string {
  const url = new URL(req.url);
  return `${publicUrl()}${url.pathname}${url.search}`;
}

export const POST = withErrors(async (req: NextRequest, context: Context) => {
  const { channel } = await context.params;
  const answer = await processWebhook(channel, { url: publicRequestUrl(req), headers: req.headers, rawBody: await req.text() });
  return new NextResponse(answer.body, { status: 200, headers: { "Content-Type": answer.contentType } });
});

export const GET = withErrors(async (req: NextRequest, context: Context) => {
  const { channel } = await context.params;
  const challenge = await verifyWebhookSubscription(channel, new URL(req.url).searchParams);
  return new NextResponse(challenge, { status: 200, headers: { "Content-Type": "text/plain" } });
});
