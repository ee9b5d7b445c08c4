/**
 * The provider stand-in, over real HTTP: a stand-in on port 0 whose
 * PARLEY_URL points at a small capture server standing in for Parley.
 * Signatures are checked with an independent implementation here.
 */
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseConfig } from "./config";
import { base, captured, config, control, parleyUrl, standIn, standInSuite, twilioSignatureOf, waitFor } from "./test-harness";

standInSuite();

const PHONE_NUMBER_ID = "106540352242922";
const CUSTOMER = "+15555550123";

function smsSend(fields: Record<string, string | string[]>, options: { auth?: string; key?: string; keyHeader?: string; signal?: AbortSignal } = {}) {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) form.append(name, item);
  const auth = options.auth ?? `${config.twilioAccountSid}:${config.twilioAuthToken}`;
  const headers: Record<string, string> = { authorization: `Basic ${Buffer.from(auth).toString("base64")}`, "content-type": "application/x-www-form-urlencoded" };
  if (options.key) headers[options.keyHeader ?? "Idempotency-Key"] = options.key;
  return fetch(`${base}/2010-04-01/Accounts/${config.twilioAccountSid}/Messages.json`, { method: "POST", headers, body: form, signal: options.signal });
}

function waSend(body: unknown, options: { token?: string; key?: string; signal?: AbortSignal } = {}) {
  const headers: Record<string, string> = { authorization: `Bearer ${options.token ?? config.whatsappAccessToken}`, "content-type": "application/json" };
  if (options.key) headers["Idempotency-Key"] = options.key;
  return fetch(`${base}/v21.0/${PHONE_NUMBER_ID}/messages`, { method: "POST", headers, body: JSON.stringify(body), signal: options.signal });
}

const text = (body: string, to = "15555550123") => ({ messaging_product: "whatsapp", to, type: "text", text: { body } });
const sms = (body: string, to = CUSTOMER) => ({ To: to, From: "+15550100100", Body: body });

function hubSignatureOf(raw: string): string {
  return `sha256=${createHmac("sha256", config.whatsappAppSecret).update(Buffer.from(raw, "utf8")).digest("hex")}`;
}

describe("configuration", () => {
  it("applies the defaults and rejects bad values", () => {
    expect(parseConfig({})).toMatchObject({ port: 4010, host: "127.0.0.1", parleyUrl: "http://localhost:3000", statusDelayMs: 200 });
    expect(parseConfig({ PARLEY_URL: "http://parley.test:3000/" }).parleyUrl).toBe("http://parley.test:3000");
    expect(() => parseConfig({ STAND_IN_PORT: "http" })).toThrow(/STAND_IN_PORT/);
    expect(() => parseConfig({ TWILIO_ACCOUNT_SID: "nope" })).toThrow(/TWILIO_ACCOUNT_SID/);
  });
});

describe("SMS (Twilio)", () => {
  it("accepts a send with the right Basic auth and answers like Twilio", async () => {
    const response = await smsSend({ ...sms("Hello"), MediaUrl: ["https://example.test/a.png", "https://example.test/b.pdf"] });
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toMatchObject({ account_sid: config.twilioAccountSid, to: CUSTOMER, from: "+15550100100", body: "Hello", status: "queued", num_media: "2", error_code: null, error_message: null });
    expect(body.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(body.uri).toBe(`/2010-04-01/Accounts/${config.twilioAccountSid}/Messages/${body.sid}.json`);
    expect(body.date_created).toMatch(/\+0000$/);
    const accepted = (await control("GET", "/control/accepted")).json;
    expect(accepted).toHaveLength(1);
    expect(accepted[0]).toMatchObject({ messageId: body.sid, mediaUrls: ["https://example.test/a.png", "https://example.test/b.pdf"] });
  });

  it("lists only the sends accepted after a seq, for pollers", async () => {
    for (const body of ["one", "two", "three"]) expect((await smsSend(sms(body))).status).toBe(201);
    const all = (await control("GET", "/control/accepted")).json as Array<{ seq: number; text: string }>;
    expect(all.map((send) => send.text)).toEqual(["one", "two", "three"]);
    expect(all[1]!.seq).toBeGreaterThan(all[0]!.seq);
    const newer = (await control("GET", `/control/accepted?provider=sms&after=${all[0]!.seq}`)).json as Array<{ text: string }>;
    expect(newer.map((send) => send.text)).toEqual(["two", "three"]);
    expect((await control("GET", `/control/accepted?after=${all[2]!.seq}`)).json).toEqual([]);
    const bad = await control("GET", "/control/accepted?after=soon");
    expect(bad.status).toBe(400);
  });

  it("answers 401 with Twilio's error for a wrong token and records it redacted", async () => {
    const response = await smsSend(sms("Hello"), { auth: `${config.twilioAccountSid}:wrong` });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ code: 20003, message: "Authenticate", more_info: "https://www.twilio.com/docs/errors/20003", status: 401 });
    const [record] = (await control("GET", "/control/requests?provider=sms")).json;
    expect(record).toMatchObject({ outcome: "unauthorized", headers: { authorization: "<redacted>" }, body: { To: CUSTOMER, Body: "Hello" } });
    expect((await control("GET", "/control/accepted")).json).toEqual([]);
  });

  it("replays an idempotency key: same sid, one accepted message", async () => {
    const first = await (await smsSend(sms("Once"), { key: "msg-1" })).json();
    const again = await smsSend(sms("Once"), { key: "msg-1", keyHeader: "X-Idempotency-Key" });
    expect(again.status).toBe(201);
    expect((await again.json()).sid).toBe(first.sid);
    const accepted = (await control("GET", "/control/accepted")).json;
    expect(accepted.map((send: { messageId: string; idempotencyKey: string }) => [send.messageId, send.idempotencyKey])).toEqual([[first.sid, "msg-1"]]);
    const outcomes = (await control("GET", "/control/requests")).json.map((record: { outcome: string }) => record.outcome);
    expect(outcomes).toEqual(["accepted", "replayed"]);
    expect((await control("GET", "/control/requests?provider=sms&outcome=accepted")).json).toHaveLength(1);
  });

  it("fails by queued rule (429 with Retry-After, then success) and by number rule", async () => {
    await control("POST", "/control/failures", { provider: "sms", kind: "429", retryAfterSeconds: 7 });
    const limited = await smsSend(sms("Retry me"), { key: "retry-1" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("7");
    expect(await limited.json()).toMatchObject({ code: 20429, more_info: "https://www.twilio.com/docs/errors/20429", status: 429 });
    expect((await smsSend(sms("Retry me"), { key: "retry-1" })).status).toBe(201);

    await control("POST", "/control/failures", { provider: "any", kind: "21211", to: "+15555557777" });
    expect((await smsSend(sms("Other number"))).status).toBe(201);
    const invalid = await smsSend(sms("Bad", "+15555557777"));
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ code: 21211, more_info: "https://www.twilio.com/docs/errors/21211" });

    await control("POST", "/control/failures", { provider: "sms", kind: "500" });
    expect(await (await smsSend(sms("Boom"))).json()).toMatchObject({ code: 20500, status: 500 });

    expect(await (await smsSend(sms("Hi", "+15555550000"))).json()).toMatchObject({ code: 21211, status: 400 });
    expect(await (await smsSend(sms("Hi", "+15555559999"))).json()).toMatchObject({ code: 21610, status: 400 });
    const outcomes = (await control("GET", "/control/requests")).json.map((record: { outcome: string; failure: string | null }) => `${record.outcome}:${record.failure}`);
    expect(outcomes).toEqual(["failed:429", "accepted:null", "accepted:null", "failed:21211", "failed:500", "failed:21211", "failed:21610"]);
  });

  it("posts sent then delivered status callbacks signed with X-Twilio-Signature", async () => {
    const callback = `${parleyUrl}/api/webhooks/sms/status?message=abc`;
    const { sid } = await (await smsSend({ ...sms("Track me"), StatusCallback: callback })).json();
    await waitFor(() => captured.length >= 2);
    for (const [index, status] of ["sent", "delivered"].entries()) {
      const hit = captured[index]!;
      expect(hit.url).toBe(callback);
      expect(hit.headers["x-twilio-signature"]).toBe(twilioSignatureOf(callback, hit.raw));
      expect(Object.fromEntries(new URLSearchParams(hit.raw))).toMatchObject({ MessageSid: sid, AccountSid: config.twilioAccountSid, From: "+15550100100", To: CUSTOMER, MessageStatus: status });
    }
  });

  it("reports an ErrorCode for an undelivered rule", async () => {
    await control("POST", "/control/failures", { provider: "sms", kind: "undelivered" });
    await smsSend({ ...sms("Lost"), StatusCallback: `${parleyUrl}/status` });
    await waitFor(() => captured.length >= 2);
    expect(Object.fromEntries(new URLSearchParams(captured[1]!.raw))).toMatchObject({ MessageStatus: "undelivered", ErrorCode: "30003" });
  });

  it("posts a customer's SMS to Parley signed over the exact URL", async () => {
    const { status, json } = await control("POST", "/control/sms/inbound", {
      from: CUSTOMER, to: "+15550100100", body: "Where is my order?", mediaUrls: ["https://example.test/photo.jpg"], mediaContentTypes: ["image/jpeg"],
    });
    expect(status).toBe(200);
    expect(json).toMatchObject({ status: 200, responseBody: { received: true } });
    const hit = captured[0]!;
    expect(hit.path).toBe("/api/webhooks/sms");
    expect(hit.headers["content-type"]).toContain("application/x-www-form-urlencoded");
    expect(hit.headers["x-twilio-signature"]).toBe(twilioSignatureOf(`${parleyUrl}/api/webhooks/sms`, hit.raw));
    expect(Object.fromEntries(new URLSearchParams(hit.raw))).toMatchObject({
      MessageSid: json.messageSid, AccountSid: config.twilioAccountSid, From: CUSTOMER, To: "+15550100100", Body: "Where is my order?",
      NumMedia: "1", MediaUrl0: "https://example.test/photo.jpg", MediaContentType0: "image/jpeg",
    });
    expect(json.messageSid).toMatch(/^SM[0-9a-f]{32}$/);
  });
});

describe("WhatsApp (Cloud API)", () => {
  it("checks the bearer token and answers like the Cloud API", async () => {
    const denied = await waSend(text("Hi"), { token: "wrong" });
    expect(denied.status).toBe(401);
    expect((await denied.json()).error).toMatchObject({ type: "OAuthException", code: 190 });
    const response = await waSend(text("Hi"));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ messaging_product: "whatsapp", contacts: [{ input: "15555550123", wa_id: "15555550123" }] });
    expect(body.messages[0].id).toMatch(/^wamid\.[A-Za-z0-9_-]+$/);
    const invalid = await waSend({ messaging_product: "whatsapp", to: "15555550123", type: "image" });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error).toMatchObject({ code: 100, error_data: { messaging_product: "whatsapp" } });
  });

  it("replays an idempotency key with the same wamid", async () => {
    const first = await (await waSend(text("Once"), { key: "wa-1" })).json();
    const again = await (await waSend(text("Once"), { key: "wa-1" })).json();
    expect(again.messages[0].id).toBe(first.messages[0].id);
    expect((await control("GET", "/control/accepted?provider=whatsapp")).json).toHaveLength(1);
    expect((await control("GET", "/control/requests?provider=whatsapp&outcome=replayed")).json).toHaveLength(1);
  });

  it("fails with 131047, 130429 (Retry-After) and 131000 by rule", async () => {
    await control("POST", "/control/failures", [{ provider: "whatsapp", kind: "131047" }, { provider: "any", kind: "429", retryAfterSeconds: 2 }, { provider: "whatsapp", kind: "500" }]);
    const window = await waSend(text("Late"));
    expect(window.status).toBe(400);
    const { error } = await window.json();
    expect(error).toMatchObject({ code: 131047, type: "OAuthException", error_data: { messaging_product: "whatsapp" } });
    expect(error.error_data.details).toMatch(/24 hours/);
    expect(typeof error.fbtrace_id).toBe("string");
    const limited = await waSend(text("Fast"));
    expect([limited.status, limited.headers.get("retry-after"), (await limited.json()).error.code]).toEqual([429, "2", 130429]);
    const broken = await waSend(text("Boom"));
    expect([broken.status, (await broken.json()).error.code]).toEqual([500, 131000]);
    expect((await waSend(text("Fine"))).status).toBe(200);
    expect((await control("GET", "/control/failures")).json).toEqual([]);
  });

  it("posts sent then delivered statuses signed with X-Hub-Signature-256", async () => {
    const wamid = (await (await waSend({ ...text("Track"), biz_opaque_callback_data: "msg_42" })).json()).messages[0].id;
    await waitFor(() => captured.length >= 2);
    for (const [index, status] of ["sent", "delivered"].entries()) {
      const hit = captured[index]!;
      expect(hit.path).toBe("/api/webhooks/whatsapp");
      expect(hit.headers["x-hub-signature-256"]).toBe(hubSignatureOf(hit.raw));
      const payload = JSON.parse(hit.raw);
      expect(payload.object).toBe("whatsapp_business_account");
      const change = payload.entry[0].changes[0];
      expect(change.field).toBe("messages");
      expect(change.value.metadata.phone_number_id).toBe(PHONE_NUMBER_ID);
      expect(change.value.statuses[0]).toMatchObject({ id: wamid, status, recipient_id: "15555550123", biz_opaque_callback_data: "msg_42" });
      expect(change.value.statuses[0].timestamp).toMatch(/^\d{10}$/);
    }
  });

  it("posts a customer's message signed, and can re-post the same wamid", async () => {
    const message = { from: CUSTOMER, to: "+15550100200", phoneNumberId: PHONE_NUMBER_ID, name: "Casey", body: "Hi there", wamid: "wamid.REPEATED" };
    const first = await control("POST", "/control/whatsapp/inbound", message);
    const second = await control("POST", "/control/whatsapp/inbound", message);
    expect([first.json.wamid, second.json.wamid, first.json.status]).toEqual(["wamid.REPEATED", "wamid.REPEATED", 200]);
    expect(captured).toHaveLength(2);
    const hit = captured[0]!;
    expect(hit.headers["x-hub-signature-256"]).toBe(hubSignatureOf(hit.raw));
    const value = JSON.parse(hit.raw).entry[0].changes[0].value;
    expect(value.metadata).toEqual({ display_phone_number: "15550100200", phone_number_id: PHONE_NUMBER_ID });
    expect(value.contacts).toEqual([{ profile: { name: "Casey" }, wa_id: "15555550123" }]);
    expect(value.messages[0]).toMatchObject({ from: "15555550123", id: "wamid.REPEATED", type: "text", text: { body: "Hi there" } });
    expect(JSON.parse(captured[1]!.raw).entry[0].changes[0].value.messages[0].id).toBe("wamid.REPEATED");
  });
  it("names the demo's phone-number id (pn-<digits>) when the inbound post gives none, and uses it on statuses", async () => {
    await control("POST", "/control/whatsapp/inbound", { from: CUSTOMER, to: "+15550100200", body: "Hello" });
    expect(JSON.parse(captured[0]!.raw).entry[0].changes[0].value.metadata).toEqual({ display_phone_number: "15550100200", phone_number_id: "pn-15550100200" });
    await fetch(`${base}/v21.0/pn-15550100300/messages`, { method: "POST", headers: { authorization: `Bearer ${config.whatsappAccessToken}` }, body: JSON.stringify(text("Hi")) });
    await waitFor(() => captured.length >= 2);
    expect(JSON.parse(captured[1]!.raw).entry[0].changes[0].value.metadata).toEqual({ display_phone_number: "15550100300", phone_number_id: "pn-15550100300" });
  });
});

describe("control", () => {
  it("posts a status on request (read receipt) and clears rules and records", async () => {
    const wamid = (await (await waSend(text("Seen?"))).json()).messages[0].id;
    const { status, json } = await control("POST", "/control/status", { provider: "whatsapp", messageId: wamid, status: "read" });
    expect([status, json.status]).toEqual([200, "read"]);
    const read = await waitFor(() => captured.find((hit) => hit.raw.includes('"read"')));
    expect(read.headers["x-hub-signature-256"]).toBe(hubSignatureOf(read.raw));
    expect((await control("POST", "/control/status", { provider: "sms", messageId: "SMnope", status: "sent" })).status).toBe(404);

    expect((await control("POST", "/control/failures", { provider: "whatsapp", kind: "21211" })).status).toBe(400);
    await control("POST", "/control/failures", { provider: "any", kind: "500", times: 3 });
    expect((await control("GET", "/control/failures")).json).toMatchObject([{ kind: "500", remaining: 3 }]);
    await control("DELETE", "/control/failures");
    expect((await waSend(text("Works"))).status).toBe(200);
    await control("DELETE", "/control/requests");
    expect((await control("GET", "/control/requests")).json).toEqual([]);
    expect((await control("GET", "/control/accepted")).json).toEqual([]);
  });
});

describe("delays, latency and the customer's view", () => {
  it("a slow rule answers normally after its delay", async () => {
    await control("POST", "/control/failures", { provider: "sms", kind: "slow", delayMs: 300 });
    const started = Date.now();
    const response = await smsSend(sms("Slowly"));
    expect(response.status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("a slow send is accepted at once: a retry with its key during the pause is a replay", async () => {
    await control("POST", "/control/failures", { provider: "sms", kind: "slow", delayMs: 400 });
    const slow = smsSend(sms("Slow"), { key: "slow-1" });
    await waitFor(() => standIn.state.accepted.length === 1);
    const started = Date.now();
    const retry = await (await smsSend(sms("Slow"), { key: "slow-1" })).json();
    expect(Date.now() - started).toBeLessThan(300);
    expect((await (await slow).json()).sid).toBe(retry.sid);
    expect((await control("GET", "/control/accepted")).json).toHaveLength(1);
  });

  it("a timeout rule holds the request unanswered; the retry with the same key is accepted once", async () => {
    await control("POST", "/control/failures", { provider: "whatsapp", kind: "timeout" });
    const started = Date.now();
    await expect(waSend(text("Hello?"), { key: "held", signal: AbortSignal.timeout(400) })).rejects.toMatchObject({ name: "TimeoutError" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    expect((await waSend(text("Hello?"), { key: "held" })).status).toBe(200);
    const records = (await control("GET", "/control/requests?provider=whatsapp")).json;
    expect(records.map((r: { outcome: string; failure: string | null; response: { status: number } }) => `${r.outcome}:${r.failure}:${r.response.status}`)).toEqual([
      "failed:timeout:0",
      "accepted:null:200",
    ]);
    expect((await control("GET", "/control/accepted")).json).toHaveLength(1);
  });

  it("a fixed latency delays every provider call", async () => {
    await control("POST", "/control/latency", { ms: 150 });
    const started = Date.now();
    expect((await waSend(text("Lagging"))).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
    await control("POST", "/control/latency", { ms: 0 });
  });

  it("shows the replies sent to a number, oldest first, and serves the customer page", async () => {
    await smsSend(sms("First"));
    await smsSend(sms("Second"));
    await smsSend(sms("Someone else", "+15555550999"));
    await waSend(text("On WhatsApp"));
    const conversation = (await control("GET", `/control/conversation?provider=sms&number=${encodeURIComponent("1 555 555 0123")}`)).json;
    expect(conversation.map((send: { text: string }) => send.text)).toEqual(["First", "Second"]);
    expect((await control("GET", "/control/conversation?provider=sms")).status).toBe(400);
    const page = await fetch(`${base}/`);
    expect(page.headers.get("content-type")).toContain("text/html");
    const html = await page.text();
    expect(html).toContain("+15550100100");
    expect(html).toContain("+15550100200");
    expect(html).not.toMatch(/innerHTML|<script src|<link /);
    expect((await control("GET", "/control/health")).json).toEqual({ ok: true });
  });
});

describe("server.ts", () => {
  it("prints where it listens and exits 0 on SIGTERM", async () => {
    const root = fileURLToPath(new URL("..", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", "stand-in/server.ts"], { cwd: root, env: { ...process.env, STAND_IN_PORT: "0" } });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const line = await waitFor(() => /\[stand-in\] listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output), 20_000);
    expect((await (await fetch(`${line[1]}/control/health`)).json()).ok).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
