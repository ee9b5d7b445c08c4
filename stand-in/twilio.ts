/**
 * Twilio Programmable Messaging, as far as Parley uses it:
 * POST /2010-04-01/Accounts/{AccountSid}/Messages.json (Basic auth, form
 * fields To, From, Body, MediaUrl…, StatusCallback) and signed status
 * callbacks. Inbound messages: inbound.ts.
 */
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { persistentSmsFailure, type FailureKind } from "./failures";
import { allValues, firstValue, parseForm, type FormFields, type Reply } from "./http-util";
import type { ProviderAdapter } from "./provider-flow";
import type { AcceptedSend, StandInState } from "./recorder";
import { newSmsSid } from "./signatures";
import { postTwilioForm } from "./webhooks";

export const API_VERSION = "2010-04-01";
const E164 = /^\+[1-9]\d{6,14}$/;
const MAX_BODY_CHARS = 1600;
/** The error a carrier reports for an "undelivered" rule: unreachable destination handset. */
const UNDELIVERED_ERROR = 30003;

export function twilioError(code: number, message: string, status: number, headers?: Record<string, string>): Reply {
  return { status, body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }, headers };
}

/** Twilio's date format: RFC 2822 in UTC. */
export function twilioDate(date = new Date()): string {
  return date.toUTCString().replace("GMT", "+0000");
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

interface SmsSend {
  to: string;
  from: string;
  body: string;
  mediaUrls: string[];
  statusCallback: string | null;
}

function validate(decoded: unknown): { ok: true; body: SmsSend } | { ok: false; reply: Reply } {
  const fields = decoded as FormFields;
  const to = firstValue(fields.To)?.trim();
  const from = firstValue(fields.From)?.trim();
  const body = firstValue(fields.Body) ?? "";
  const mediaUrls = allValues(fields.MediaUrl);
  const statusCallback = firstValue(fields.StatusCallback) || null;
  if (!to) return { ok: false, reply: twilioError(21604, "A 'To' phone number is required.", 400) };
  if (!from) return { ok: false, reply: twilioError(21603, "A 'From' phone number is required.", 400) };
  if (body === "" && mediaUrls.length === 0) return { ok: false, reply: twilioError(21602, "Message body is required.", 400) };
  if (body.length > MAX_BODY_CHARS) return { ok: false, reply: twilioError(21617, "The concatenated message body exceeds the 1600 character limit.", 400) };
  if (!E164.test(to)) return { ok: false, reply: twilioError(21211, `Invalid 'To' Phone Number: ${to}`, 400) };
  if (statusCallback !== null && !URL.canParse(statusCallback)) return { ok: false, reply: twilioError(21609, "Invalid StatusCallback url", 400) };
  for (const url of mediaUrls) {
    if (!URL.canParse(url)) return { ok: false, reply: twilioError(21620, `Invalid media URL(s): ${url}`, 400) };
  }
  return { ok: true, body: { to, from, body, mediaUrls, statusCallback } };
}

function numberFailure(kind: FailureKind, to: string): Reply {
  switch (kind) {
    case "429":
      return twilioError(20429, "Too Many Requests", 429);
    case "21211":
      return twilioError(21211, `Invalid 'To' Phone Number: ${to}`, 400);
    case "21610":
      return twilioError(21610, "Attempt to send to unsubscribed recipient", 400);
    default:
      return twilioError(20500, "Internal Server Error", 500);
  }
}

/** Posts one status callback (if the send asked for them) and notes the status. */
export async function reportSmsStatus(state: StandInState, send: AcceptedSend, status: string, errorCode?: number): Promise<void> {
  state.noteStatus(send, status, errorCode);
  const callback = send.statusCallback;
  if (!callback) return;
  const { twilioAccountSid } = state.config;
  const fields: Record<string, string> = {
    AccountSid: twilioAccountSid,
    ApiVersion: API_VERSION,
    From: send.from,
    MessageSid: send.messageId,
    MessageStatus: status,
    SmsSid: send.messageId,
    SmsStatus: status,
    To: send.to,
  };
  if (errorCode !== undefined) fields.ErrorCode = String(errorCode);
  await postTwilioForm(state, "sms-status", callback, fields);
}

export function twilioAdapter(state: StandInState): ProviderAdapter<SmsSend> {
  const { twilioAccountSid, twilioAuthToken, statusDelayMs } = state.config;
  return {
    provider: "sms",
    isAuthorized(req: IncomingMessage, params) {
      const header = req.headers.authorization ?? "";
      if (!header.startsWith("Basic ") || params.accountSid !== twilioAccountSid) return false;
      const credentials = Buffer.from(header.slice("Basic ".length).trim(), "base64").toString("utf8");
      return sameSecret(credentials, `${twilioAccountSid}:${twilioAuthToken}`);
    },
    unauthorized: () => twilioError(20003, "Authenticate", 401, { "www-authenticate": 'Basic realm="Twilio API"' }),
    decode: (raw) => parseForm(raw.toString("utf8")),
    validate,
    recipient: (body) => body.to,
    ruleReply(rule, body) {
      const reply = numberFailure(rule.kind, body.to);
      if (rule.kind === "429") reply.headers = { "retry-after": String(rule.retryAfterSeconds) };
      return reply;
    },
    persistentFailure(body) {
      const kind = persistentSmsFailure(body.to);
      return kind ? { kind, reply: numberFailure(kind, body.to) } : null;
    },
    accept(body, context) {
      const sid = newSmsSid();
      const now = twilioDate(new Date(context.at));
      const uri = `/${API_VERSION}/Accounts/${twilioAccountSid}/Messages/${sid}.json`;
      const resource = {
        account_sid: twilioAccountSid,
        api_version: API_VERSION,
        body: body.body,
        date_created: now,
        date_sent: null,
        date_updated: now,
        direction: "outbound-api",
        error_code: null,
        error_message: null,
        from: body.from,
        messaging_service_sid: null,
        num_media: String(body.mediaUrls.length),
        num_segments: String(body.body.length <= 160 ? 1 : Math.ceil(body.body.length / 153)),
        price: null,
        price_unit: "USD",
        sid,
        status: "queued",
        subresource_uris: { media: `/${API_VERSION}/Accounts/${twilioAccountSid}/Messages/${sid}/Media.json` },
        to: body.to,
        uri,
      };
      const send: AcceptedSend = {
        seq: context.seq,
        requestId: context.requestId,
        at: context.at,
        provider: "sms",
        messageId: sid,
        idempotencyKey: context.idempotencyKey,
        to: body.to,
        from: body.from,
        phoneNumberId: null,
        type: "sms",
        text: body.body,
        mediaUrls: body.mediaUrls,
        statusCallback: body.statusCallback,
        bizOpaqueCallbackData: null,
        status: "queued",
        statuses: [{ status: "queued", at: context.at }],
      };
      return {
        reply: { status: 201, body: resource },
        send,
        afterResponse({ undelivered }) {
          state.scheduler.sequence(statusDelayMs, [
            () => reportSmsStatus(state, send, "sent"),
            () => (undelivered ? reportSmsStatus(state, send, "undelivered", UNDELIVERED_ERROR) : reportSmsStatus(state, send, "delivered")),
          ]);
        },
      };
    },
  };
}
