/**
 * Calls over a Twilio-compatible Calls API (the wire format only; the rules
 * of click-to-call are in lib/calls/): a form-encoded POST with HTTP Basic
 * auth and inline TwiML that dials the destination once the first leg answers.
 */
import { z } from "zod";
import { callProvider } from "./http";
import type { ProviderConfig } from "./types";

/** "unreachable": no answer or a network error; "refused": the provider answered with an error (its code and message). */
export type CallResult = { ok: true; callSid: string; status: string } | { ok: false; failure: "unreachable" | "refused"; code: string; reason: string };

const createAnswerSchema = z.object({ sid: z.string().min(1), status: z.string().min(1).default("queued") });
const errorSchema = z.object({ code: z.coerce.string(), message: z.string() }).partial();

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** TwiML for the answered first leg: connect the destination, showing our number as caller id. */
export function dialTwiml(callerId: string, destination: string): string {
  return `<Response><Dial callerId="${escapeXml(callerId)}"><Number>${escapeXml(destination)}</Number></Dial></Response>`;
}

/** Asks the provider to ring `to` from `config.address` and then run `twiml`. Never throws. */
export async function createTwilioCall(config: ProviderConfig, call: { to: string; twiml: string }): Promise<CallResult> {
  const form = new URLSearchParams({ To: call.to, From: config.address, Twiml: call.twiml });
  const headers = {
    Authorization: `Basic ${Buffer.from(`${config.account}:${config.secret}`).toString("base64")}`,
    "Content-Type": "application/x-www-form-urlencoded",
  };
  const response = await callProvider(`${config.baseUrl.replace(/\/$/, "")}/2010-04-01/Accounts/${encodeURIComponent(config.account)}/Calls.json`, { method: "POST", headers, body: form });
  if (!response.ok) return { ok: false, failure: "unreachable", code: "NETWORK", reason: response.networkError };
  if (response.status >= 200 && response.status < 300) {
    const answer = createAnswerSchema.safeParse(response.json);
    return answer.success ? { ok: true, callSid: answer.data.sid, status: answer.data.status } : { ok: false, failure: "refused", code: "BAD_ANSWER", reason: "it answered without a call id" };
  }
  const error = errorSchema.safeParse(response.json);
  const code = (error.success && error.data.code) || String(response.status);
  const reason = (error.success && error.data.message) || `HTTP ${response.status}`;
  return { ok: false, failure: "refused", code, reason };
}
