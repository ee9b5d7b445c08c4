/**
 * WhatsApp over a Cloud API-compatible Graph API: JSON sends with a bearer
 * token, webhooks signed with X-Hub-Signature-256 (HMAC-SHA256 of the raw
 * body with the app secret), statuses and messages in entry[].changes[].value.
 * Our message id travels as biz_opaque_callback_data and comes back on
 * statuses, so a send whose answer was lost can still be reconciled.
 */
import { createHmac } from "node:crypto";
import { z } from "zod";
import type { MessageStatus } from "../generated/prisma/enums";
import { callProvider, constantTimeEqual, retryAfterMs } from "./http";
import { toE164 } from "./phone";
import type { ChannelModule, SendResult, WebhookEvent, WebhookRequest } from "./types";

const DEFAULT_API_VERSION = "v21.0";
const RETRYABLE_CODES = new Set(["130429", "131000", "131016", "131048", "133004", "4", "80007"]);

export function hubSignature(appSecret: string, rawBody: string): string {
  return `sha256=${createHmac("sha256", appSecret).update(rawBody, "utf8").digest("hex")}`;
}

const statusMap: Record<string, MessageStatus> = { sent: "SENT", delivered: "DELIVERED", read: "READ", failed: "FAILED" };

const webhookSchema = z.object({
  object: z.string().optional(),
  entry: z.array(z.object({
    changes: z.array(z.object({
      value: z.object({
        metadata: z.object({ phone_number_id: z.string(), display_phone_number: z.string().optional() }),
        contacts: z.array(z.object({ wa_id: z.string(), profile: z.object({ name: z.string().optional() }).optional() })).optional(),
        messages: z.array(z.object({
          from: z.string(), id: z.string(), type: z.string(),
          text: z.object({ body: z.string() }).optional(),
          image: z.object({ id: z.string().optional(), link: z.string().optional(), caption: z.string().optional(), mime_type: z.string().optional() }).optional(),
          document: z.object({ id: z.string().optional(), link: z.string().optional(), caption: z.string().optional(), mime_type: z.string().optional(), filename: z.string().optional() }).optional(),
        })).optional(),
        statuses: z.array(z.object({
          id: z.string(), status: z.string(), biz_opaque_callback_data: z.string().optional(),
          errors: z.array(z.object({ code: z.coerce.string(), title: z.string().optional(), message: z.string().optional(), error_data: z.object({ details: z.string().optional() }).optional() })).optional(),
        })).optional(),
      }),
    })),
  })),
});

const sendAnswerSchema = z.object({ messages: z.array(z.object({ id: z.string().min(1) })).min(1) });
const errorSchema = z.object({ error: z.object({ message: z.string(), code: z.coerce.string(), error_data: z.object({ details: z.string().optional() }).optional() }) });

// Finding the number and reading the events both need the body: parsed once per request.
const parsedBodies = new WeakMap<WebhookRequest, z.infer<typeof webhookSchema>>();

function parse(request: WebhookRequest) {
  let body = parsedBodies.get(request);
  if (!body) parsedBodies.set(request, (body = webhookSchema.parse(JSON.parse(request.rawBody))));
  return body;
}

export const whatsappCloud: ChannelModule = {
  channel: "WHATSAPP",
  provider: "whatsapp",
  optOutCodes: ["131050"],

  webhookTarget(request) {
    try {
      const id = parse(request).entry[0]?.changes[0]?.value.metadata.phone_number_id;
      return id ? { by: "account", value: id } : null;
    } catch {
      return null;
    }
  },

  verifySignature(request, config) {
    const given = request.headers.get("x-hub-signature-256");
    if (!given || !config.webhookSecret) return false;
    return constantTimeEqual(given, hubSignature(config.webhookSecret, request.rawBody));
  },

  parseWebhook(request): WebhookEvent[] {
    const events: WebhookEvent[] = [];
    for (const entry of parse(request).entry) {
      for (const { value } of entry.changes) {
        const names = new Map((value.contacts ?? []).map((c) => [c.wa_id, c.profile?.name]));
        for (const m of value.messages ?? []) {
          const from = toE164(m.from);
          if (!from) continue;
          const media = [m.image, m.document].flatMap((x) => (x?.link ? [{ url: x.link, contentType: x.mime_type ?? "application/octet-stream" }] : []));
          const body = m.text?.body ?? m.image?.caption ?? m.document?.caption ?? (media.length ? "" : `[${m.type} message]`);
          events.push({ kind: "message", providerMessageId: m.id, from, name: names.get(m.from), body, media });
        }
        for (const s of value.statuses ?? []) {
          const error = s.errors?.[0];
          events.push({
            kind: "status", providerMessageId: s.id, messageId: s.biz_opaque_callback_data, status: statusMap[s.status] ?? "SENT",
            errorCode: error?.code, errorReason: error ? error.error_data?.details ?? error.message ?? error.title : undefined,
          });
        }
      }
    }
    return events;
  },

  webhookAnswer() {
    return { contentType: "application/json", body: JSON.stringify({ ok: true }) };
  },

  verifySubscription(params, verifyTokens) {
    const token = params.get("hub.verify_token");
    if (params.get("hub.mode") !== "subscribe" || !token) return null;
    return verifyTokens.some((expected) => constantTimeEqual(expected, token)) ? params.get("hub.challenge") ?? "" : null;
  },

  async send(config, payload): Promise<SendResult> {
    const message = payload.template
      ? { type: "template", template: { name: payload.template.name, language: { code: payload.template.language }, components: payload.template.parameters.length ? [{ type: "body", parameters: payload.template.parameters.map((text) => ({ type: "text", text })) }] : [] } }
      : payload.mediaUrls[0]
        ? { type: "image", image: { link: payload.mediaUrls[0], caption: payload.body || undefined } }
        : { type: "text", text: { body: payload.body, preview_url: false } };
    const url = `${config.baseUrl.replace(/\/$/, "")}/${config.apiVersion ?? DEFAULT_API_VERSION}/${encodeURIComponent(config.account)}/messages`;
    const response = await callProvider(url, {
      method: "POST",
      headers: { Authorization: `Bearer ${config.secret}`, "Content-Type": "application/json", "Idempotency-Key": payload.idempotencyKey },
      body: JSON.stringify({ messaging_product: "whatsapp", recipient_type: "individual", to: payload.to.replace(/^\+/, ""), biz_opaque_callback_data: payload.messageId, ...message }),
    });
    if (!response.ok) return { ok: false, retryable: true, code: "NETWORK", reason: `WhatsApp provider unreachable: ${response.networkError}` };
    if (response.status >= 200 && response.status < 300) {
      const answer = sendAnswerSchema.safeParse(response.json);
      return answer.success ? { ok: true, providerMessageId: answer.data.messages[0]!.id } : { ok: false, retryable: true, code: "BAD_ANSWER", reason: "The WhatsApp provider answered without a message id." };
    }
    const error = errorSchema.safeParse(response.json);
    const code = error.success ? error.data.error.code : String(response.status);
    const reason = error.success ? error.data.error.error_data?.details ?? error.data.error.message : `HTTP ${response.status}`;
    const retryable = response.status === 429 || response.status >= 500 || RETRYABLE_CODES.has(code);
    return { ok: false, retryable: retryable && code !== "131047", code, reason, retryAfterMs: retryAfterMs(response.headers) };
  },
};
