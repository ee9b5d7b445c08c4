/**
 * The channel interface: one module per provider wire format (lib/channels/
 * twilio-sms.ts, whatsapp-cloud.ts). The core (webhook processing, the
 * outbound worker) only talks to this interface, so SMS-DIRECT, WeChat or
 * LINE are a new module and a registry line.
 */
import type { Channel, MessageStatus } from "../generated/prisma/enums";

/** One of our numbers with everything needed to talk to its provider (secrets included). */
export interface ProviderConfig {
  addressId: string;
  companyId: string;
  address: string;
  baseUrl: string;
  account: string;
  secret: string;
  webhookSecret: string | null;
  verifyToken: string | null;
  apiVersion: string | null;
  /** The queue the number routes to; null for a direct line (or a number not connected yet). */
  queueId: string | null;
}

export interface WebhookRequest {
  /** The full public URL the provider posted to (scheme, host, path and query). */
  url: string;
  headers: Headers;
  rawBody: string;
}

export interface InboundMessageEvent {
  kind: "message";
  providerMessageId: string;
  /** The customer's number, E.164. */
  from: string;
  name?: string;
  body: string;
  media: Array<{ url: string; contentType: string }>;
}

export interface StatusEvent {
  kind: "status";
  providerMessageId: string;
  /** Our message id, when the provider echoes the correlation data we sent. */
  messageId?: string;
  status: MessageStatus;
  errorCode?: string;
  errorReason?: string;
}

export type WebhookEvent = InboundMessageEvent | StatusEvent;

/** How a webhook names the number it is for: our address (SMS "To"/"From") or the provider account (WhatsApp phone-number id). */
export type WebhookTarget = { by: "address"; value: string } | { by: "account"; value: string };

export interface OutboundPayload {
  /** Sent as the provider idempotency key: the same key never produces a second message. */
  idempotencyKey: string;
  messageId: string;
  to: string;
  body: string;
  template?: { name: string; language: string; parameters: string[] };
  mediaUrls: string[];
  statusCallbackUrl: string;
}

export type SendResult =
  | { ok: true; providerMessageId: string }
  | { ok: false; retryable: boolean; code: string; reason: string; retryAfterMs?: number };

export interface ChannelModule {
  channel: Exclude<Channel, "WEBCHAT">;
  /** Stored with each message; (provider, providerMessageId) is unique. */
  provider: string;
  /** Error codes meaning "the recipient opted out": the contact is marked and further sends refused. */
  optOutCodes: string[];
  webhookTarget(request: WebhookRequest): WebhookTarget | null;
  verifySignature(request: WebhookRequest, config: ProviderConfig): boolean;
  parseWebhook(request: WebhookRequest): WebhookEvent[];
  /** What the provider expects back from a webhook. */
  webhookAnswer(): { contentType: string; body: string };
  /** The subscription handshake (WhatsApp GET); null when the channel has none. */
  verifySubscription?(params: URLSearchParams, verifyTokens: string[]): string | null;
  send(config: ProviderConfig, payload: OutboundPayload): Promise<SendResult>;
}
