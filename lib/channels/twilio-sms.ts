/**
 * SMS over a Twilio-compatible API: form-encoded sends with HTTP Basic auth,
 * X-Twilio-Signature on webhooks (HMAC-SHA1 over the full URL plus every
 * parameter name and value, sorted by name), status callbacks to the URL we
 * give with each send.
 */
import { createHmac } from "node:crypto";
import { z } from "zod";
import type { MessageStatus } from "../generated/prisma/enums";
import { callProvider, constantTimeEqual, retryAfterMs } from "./http";
import { toE164 } from "./phone";
import type { ChannelModule, SendResult, WebhookEvent, WebhookRequest } from "./types";

const PERMANENT_CODES = new Set(["21211", "21610", "21614", "21408", "21606", "21612", "30003", "30005", "30006"]);

export function twilioSignature(authToken: string, url: string, params: URLSearchParams): string {
  const names = [...new Set(params.keys())].sort();
  let data = url;
  for (const name of names) for (const value of params.getAll(name)) data += name + value;
  return createHmac("sha1", authToken).update(data, "utf8").digest("base64");
}

const statusMap: Record<string, MessageStatus> = {
  accepted: "QUEUED", queued: "QUEUED", sending: "QUEUED", sent: "SENT", delivered: "DELIVERED",
  read: "READ", undelivered: "FAILED", failed: "FAILED", canceled: "FAILED",
};

const inboundSchema = z.object({ MessageSid: z.string().min(1), From: z.string().min(1), To: z.string().min(1), Body: z.string().default(""), NumMedia: z.coerce.number().int().min(0).default(0) });
const statusSchema = z.object({ MessageSid: z.string().min(1), MessageStatus: z.string().min(1), ErrorCode: z.string().optional(), ErrorMessage: z.string().optional() });
const sendAnswerSchema = z.object({ sid: z.string().min(1) });
const errorSchema = z.object({ code: z.coerce.string(), message: z.string() }).partial();

// Finding the number, checking the signature and reading the events all need the form: parsed once per request.
const parsedForms = new WeakMap<WebhookRequest, URLSearchParams>();

function params(request: WebhookRequest): URLSearchParams {
  let form = parsedForms.get(request);
  if (!form) parsedForms.set(request, (form = new URLSearchParams(request.rawBody)));
  return form;
}

export const twilioSms: ChannelModule = {
  channel: "SMS",
  provider: "twilio",
  optOutCodes: ["21610"],

  webhookTarget(request) {
    const form = params(request);
    // Inbound messages name our number in To; status callbacks of our sends in From.
    const ours = form.has("MessageStatus") ? form.get("From") : form.get("To");
    const e164 = ours ? toE164(ours) : null;
    return e164 ? { by: "address", value: e164 } : null;
  },

  verifySignature(request, config) {
    const given = request.headers.get("x-twilio-signature");
    if (!given) return false;
    return constantTimeEqual(given, twilioSignature(config.secret, request.url, params(request)));
  },

  parseWebhook(request): WebhookEvent[] {
    const form = Object.fromEntries(params(request).entries());
    if ("MessageStatus" in form) {
      const status = statusSchema.parse(form);
      const messageId = new URL(request.url).searchParams.get("messageId") ?? undefined;
      return [{ kind: "status", providerMessageId: status.MessageSid, messageId, status: statusMap[status.MessageStatus] ?? "QUEUED", errorCode: status.ErrorCode || undefined, errorReason: status.ErrorMessage || (status.ErrorCode ? `Provider error ${status.ErrorCode}` : undefined) }];
    }
    const inbound = inboundSchema.parse(form);
    const from = toE164(inbound.From);
    if (!from) throw new Error(`Unusable sender number ${inbound.From}`);
    const media = Array.from({ length: inbound.NumMedia }, (_, i) => ({ url: form[`MediaUrl${i}`] ?? "", contentType: form[`MediaContentType${i}`] ?? "application/octet-stream" })).filter((m) => m.url);
    return [{ kind: "message", providerMessageId: inbound.MessageSid, from, body: inbound.Body, media }];
  },

  webhookAnswer() {
    return { contentType: "text/xml", body: '<?xml version="1.0" encoding="UTF-8"?><Response></Response>' };
  },

  async send(config, payload): Promise<SendResult> {
    const form = new URLSearchParams({ To: payload.to, From: config.address, Body: payload.body, StatusCallback: payload.statusCallbackUrl });
    for (const url of payload.mediaUrls) form.append("MediaUrl", url);
    const response = await callProvider(`${config.baseUrl.replace(/\/$/, "")}/2010-04-01/Accounts/${encodeURIComponent(config.account)}/Messages.json`, {
      method: "POST",
      headers: {
        Authorization: `Basic ${Buffer.from(`${config.account}:${config.secret}`).toString("base64")}`,
        "Content-Type": "application/x-www-form-urlencoded",
        "Idempotency-Key": payload.idempotencyKey,
      },
      body: form,
    });
    if (!response.ok) return { ok: false, retryable: true, code: "NETWORK", reason: `SMS provider unreachable: ${response.networkError}` };
    if (response.status >= 200 && response.status < 300) {
      const answer = sendAnswerSchema.safeParse(response.json);
      return answer.success ? { ok: true, providerMessageId: answer.data.sid } : { ok: false, retryable: true, code: "BAD_ANSWER", reason: "The SMS provider answered without a message id." };
    }
    const error = errorSchema.safeParse(response.json);
    const code = (error.success && error.data.code) || String(response.status);
    const reason = (error.success && error.data.message) || `HTTP ${response.status}`;
    const retryable = response.status === 429 || code === "20429" || response.status >= 500;
    return { ok: false, retryable: retryable && !PERMANENT_CODES.has(code), code, reason, retryAfterMs: retryAfterMs(response.headers) };
  },
};
