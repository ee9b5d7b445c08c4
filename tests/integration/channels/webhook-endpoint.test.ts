import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { isWebhookPath, serveWebhook } from "@/lib/channels/webhook-endpoint";
import { channelCenter, PUBLIC_URL, signTwilio, smsForm, uniqueNumber } from "../../support/channels";
import { localServerForSuite } from "../../support/local-server";

/** The endpoint as server.ts serves it, over real HTTP (signatures are over PUBLIC_URL, as the provider posted there). */
const endpoint = localServerForSuite((req, res) => void serveWebhook(req, res));

describe("the webhook endpoint", () => {
  it("takes only /api/webhooks/<channel> (with or without a query) from Next.js", () => {
    expect(["/api/webhooks/sms", "/api/webhooks/sms?messageId=m1", "/api/webhooks/whatsapp/"].map(isWebhookPath)).toEqual([true, true, true]);
    expect(["/api/webhooks", "/api/webhooks/", "/api/webhooks/sms/extra", "/api/v1/webhooks/sms", "/api/webhooksx/sms", undefined].map(isWebhookPath)).toEqual([false, false, false, false, false, false]);
  });

  it("verifies the signature over the path and query exactly as posted, stores the text once and answers TwiML", async () => {
    const center = await channelCenter();
    const fields = { MessageSid: `SMep${Date.now()}`, From: uniqueNumber(), To: center.sms.address, Body: "Hello over HTTP", NumMedia: "0" };
    const query = "?a=1&b=%2Fx";
    const post = () => fetch(`${endpoint.url()}/api/webhooks/sms${query}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signTwilio(`${PUBLIC_URL}/api/webhooks/sms${query}`, fields) },
      body: smsForm(fields),
    });
    const answers = await Promise.all([post(), post()]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers[0]!.headers.get("content-type")).toContain("text/xml");
    expect(await answers[0]!.text()).toContain("<Response></Response>");
    expect(await db.message.count({ where: { providerMessageId: fields.MessageSid } })).toBe(1);
  });

  it("answers other methods and oversized bodies with a typed 400, writing nothing", async () => {
    const center = await channelCenter();
    const put = await fetch(`${endpoint.url()}/api/webhooks/sms`, { method: "PUT", body: "x" });
    expect(put.status).toBe(400);
    expect(await put.json()).toMatchObject({ error: { code: "BAD_REQUEST", message: expect.stringContaining("not PUT") } });
    // Declares 6 MB and sends the first 64 KB: refused without reading (or waiting for) the rest.
    const huge = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${endpoint.url()}/api/webhooks/sms`, { method: "POST", headers: { "content-length": String(6 * 1024 * 1024) } }, (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (chunk: string) => (body += chunk)).on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on("error", reject);
      req.write("x".repeat(64 * 1024));
    });
    expect(huge.status).toBe(400);
    expect(JSON.parse(huge.body)).toEqual({ error: { code: "BAD_REQUEST", message: "The webhook body is larger than 5 MB." } });
    expect(await db.message.count({ where: { conversation: { channelAddressId: center.sms.id } } })).toBe(0);
  });
});
