/**
 * Posts signed webhooks (inbound messages, status callbacks) to Parley and
 * records each attempt with Parley's answer. No retries: a failed post is
 * recorded and logged, so a test sees exactly one delivery per event.
 */
import type { StandInState, WebhookRecord } from "./recorder";
import { twilioSignature, whatsappSignature } from "./signatures";
import type { FormFields } from "./http-util";

const WEBHOOK_TIMEOUT_MS = 10_000;

/** "fetch failed (ECONNREFUSED)" rather than just "fetch failed". */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  const detail = cause?.code ?? cause?.message;
  return detail ? `${error.message} (${detail})` : `${error.name}: ${error.message}`;
}

async function post(
  state: StandInState,
  kind: WebhookRecord["kind"],
  url: string,
  rawBody: string,
  parsed: unknown,
  headers: Record<string, string>,
): Promise<WebhookRecord> {
  const at = new Date().toISOString();
  const dropped = state.scheduler.webhookSignal;
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "user-agent": "parley-stand-in/1.0", ...headers },
      body: rawBody,
      signal: AbortSignal.any([dropped, AbortSignal.timeout(WEBHOOK_TIMEOUT_MS)]),
    });
    const text = await response.text();
    let responseBody: unknown = text;
    if ((response.headers.get("content-type") ?? "").includes("json")) {
      try {
        responseBody = JSON.parse(text);
      } catch {
        // keep the text
      }
    }
    if (!response.ok) console.warn(`[stand-in] ${kind} → ${url} answered ${response.status}`);
    return state.addWebhook({ at, kind, url, body: parsed, status: response.status, responseBody, error: null });
  } catch (error) {
    const message = describeError(error);
    if (!dropped.aborted) console.warn(`[stand-in] ${kind} → ${url} failed: ${message}`);
    return state.addWebhook({ at, kind, url, body: parsed, status: null, responseBody: null, error: message });
  }
}

/** Form-encoded, signed with X-Twilio-Signature over the exact URL posted to. */
export function postTwilioForm(state: StandInState, kind: "sms-status" | "sms-inbound" | "call-status", url: string, fields: Record<string, string>): Promise<WebhookRecord> {
  const params: FormFields = fields;
  return post(state, kind, url, new URLSearchParams(fields).toString(), fields, {
    "content-type": "application/x-www-form-urlencoded; charset=utf-8",
    "x-twilio-signature": twilioSignature(state.config.twilioAuthToken, url, params),
  });
}

/** JSON, signed with X-Hub-Signature-256 over the exact bytes sent. */
export function postWhatsAppJson(state: StandInState, kind: "whatsapp-status" | "whatsapp-inbound", payload: unknown): Promise<WebhookRecord> {
  const url = `${state.config.parleyUrl}/api/webhooks/whatsapp`;
  const rawBody = JSON.stringify(payload);
  return post(state, kind, url, rawBody, payload, {
    "content-type": "application/json",
    "x-hub-signature-256": whatsappSignature(state.config.whatsappAppSecret, Buffer.from(rawBody, "utf8")),
  });
}
