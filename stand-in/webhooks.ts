/**
 * Posts signed webhooks (inbound messages, status callbacks) to Parley and
 * records each attempt with Parley's answer. No retries: a failed post is
 * recorded and logged, so a test sees exactly one delivery per event.
 */
import http from "node:http";
import https from "node:https";
import type { StandInState, WebhookRecord } from "./recorder";
import { twilioSignature, whatsappSignature } from "./signatures";
import type { FormFields } from "./http-util";

const WEBHOOK_TIMEOUT_MS = 10_000;
// node:http with kept-alive connections rather than fetch: two or three callbacks go out per text, and
// fetch's web streams cost several times the CPU of the post itself (this process shares the machine
// with Parley in the benchmark).
const agents = { http: new http.Agent({ keepAlive: true, maxSockets: 256 }), https: new https.Agent({ keepAlive: true, maxSockets: 256 }) };

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

function postRaw(url: string, rawBody: string, headers: Record<string, string>, signal: AbortSignal): Promise<Answer> {
  const body = Buffer.from(rawBody, "utf8");
  return new Promise((resolve, reject) => {
    const secure = url.startsWith("https:");
    const req = (secure ? https : http).request(url, { method: "POST", agent: secure ? agents.https : agents.http, signal, timeout: WEBHOOK_TIMEOUT_MS, headers: { "user-agent": "parley-stand-in/1.0", ...headers, "content-length": String(body.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers["content-type"] ?? ""), text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s`)));
    req.on("error", reject);
    req.end(body);
  });
}

/** "connect ECONNREFUSED 127.0.0.1:3000 (ECONNREFUSED)": the message with its code. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: string }).code;
  return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
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
    const response = await postRaw(url, rawBody, headers, dropped);
    let responseBody: unknown = response.text;
    if (response.contentType.includes("json")) {
      try {
        responseBody = JSON.parse(response.text);
      } catch {
        // keep the text
      }
    }
    if (response.status < 200 || response.status > 299) console.warn(`[stand-in] ${kind} → ${url} answered ${response.status}`);
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
