/**
 * Twilio Programmable Voice, as far as Parley's click-to-call uses it:
 * POST /2010-04-01/Accounts/{AccountSid}/Calls.json (Basic auth as for
 * Messages, form fields To, From, Twiml or Url, StatusCallback,
 * StatusCallbackEvent…). The call "rings" To, which answers and then dials
 * the numbers of the TwiML's <Dial>; progress is posted to StatusCallback
 * for the events asked for (Twilio's default: completed only).
 */
import { randomBytes } from "node:crypto";
import { persistentSmsFailure } from "./failures";
import { allValues, firstValue, parseForm, type FormFields, type Reply } from "./http-util";
import type { ProviderAdapter } from "./provider-flow";
import type { AcceptedSend, CallInstructions, StandInState } from "./recorder";
import { API_VERSION, twilioAdapter, twilioDate, twilioError } from "./twilio";
import { postTwilioForm } from "./webhooks";

const E164 = /^\+[1-9]\d{6,14}$/;
const CALLBACK_EVENTS = new Set(["initiated", "ringing", "answered", "completed"]);
/** How long a demo call "lasts" once answered, as reported in CallDuration. */
const DEMO_DURATION_SECONDS = 42;

interface CallCreate {
  to: string;
  from: string;
  instructions: CallInstructions;
  statusCallback: string | null;
}

/** A Twilio call SID: "CA" + 32 lowercase hex digits. */
export function newCallSid(): string {
  return `CA${randomBytes(16).toString("hex")}`;
}

const unescapeXml = (text: string) =>
  text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

/** The <Dial callerId> and <Number>s of a TwiML document (enough for <Dial><Number>…</Number></Dial>). */
export function readDial(twiml: string): { callerId: string | null; dialed: string[] } {
  const dial = /<Dial\b([^>]*)>([\s\S]*?)<\/Dial>/.exec(twiml);
  if (!dial) return { callerId: null, dialed: [] };
  const callerId = /\bcallerId\s*=\s*"([^"]*)"/.exec(dial[1]!)?.[1];
  const numbers = [...dial[2]!.matchAll(/<Number\b[^>]*>([^<]*)<\/Number>/g)].map((match) => unescapeXml(match[1]!.trim()));
  // <Dial>+15550100123</Dial>: a bare number as the verb's text.
  const bare = numbers.length === 0 && !dial[2]!.includes("<") ? [unescapeXml(dial[2]!.trim())].filter(Boolean) : [];
  return { callerId: callerId === undefined ? null : unescapeXml(callerId), dialed: [...numbers, ...bare] };
}

function validate(decoded: unknown): { ok: true; body: CallCreate } | { ok: false; reply: Reply } {
  const fields = decoded as FormFields;
  const to = firstValue(fields.To)?.trim();
  const from = firstValue(fields.From)?.trim();
  const twiml = firstValue(fields.Twiml) || null;
  const url = firstValue(fields.Url)?.trim() || null;
  const statusCallback = firstValue(fields.StatusCallback)?.trim() || null;
  const events = allValues(fields.StatusCallbackEvent).flatMap((value) => value.split(/[\s,]+/)).filter(Boolean);
  if (!to) return { ok: false, reply: twilioError(21201, "No 'To' number is specified", 400) };
  if (!from) return { ok: false, reply: twilioError(21213, "No 'From' number is specified", 400) };
  if (!twiml && !url) return { ok: false, reply: twilioError(21205, "Url parameter is required. Give Url, Twiml or ApplicationSid.", 400) };
  if (!E164.test(to)) return { ok: false, reply: twilioError(21211, `Invalid 'To' Phone Number: ${to}`, 400) };
  if (!E164.test(from)) return { ok: false, reply: twilioError(21212, `Invalid From Number (caller ID): ${from}`, 400) };
  if (url !== null && !URL.canParse(url)) return { ok: false, reply: twilioError(21205, `Url is not a valid URL: ${url}`, 400) };
  if (statusCallback !== null && !URL.canParse(statusCallback)) return { ok: false, reply: twilioError(21609, "Invalid StatusCallback url", 400) };
  const unknown = events.find((event) => !CALLBACK_EVENTS.has(event));
  if (unknown) return { ok: false, reply: twilioError(21626, `Invalid StatusCallbackEvent: ${unknown}`, 400) };
  const dial = twiml ? readDial(twiml) : { callerId: null, dialed: [] };
  return { ok: true, body: { to, from, statusCallback, instructions: { twiml, url, ...dial, statusCallbackEvents: events.length > 0 ? events : ["completed"] } } };
}

function ruleFailure(kind: string, to: string): Reply {
  switch (kind) {
    case "429":
      return twilioError(20429, "Too Many Requests", 429);
    case "21211":
      return twilioError(21211, `Invalid 'To' Phone Number: ${to}`, 400);
    default:
      return twilioError(20500, "Internal Server Error", 500);
  }
}

/** The StatusCallbackEvent a call status belongs to. */
function eventOf(status: string): string {
  if (status === "in-progress") return "answered";
  if (status === "initiated" || status === "ringing") return status;
  return "completed";
}

/** Notes a call status and posts it to the call's StatusCallback if its event was asked for. */
export async function reportCallStatus(state: StandInState, send: AcceptedSend, status: string): Promise<void> {
  state.noteStatus(send, status);
  const callback = send.statusCallback;
  if (!callback || !send.call?.statusCallbackEvents.includes(eventOf(status))) return;
  const { twilioAccountSid } = state.config;
  const fields: Record<string, string> = {
    AccountSid: twilioAccountSid,
    ApiVersion: API_VERSION,
    CallSid: send.messageId,
    CallStatus: status,
    CallbackSource: "call-progress-events",
    Called: send.to,
    Caller: send.from,
    Direction: "outbound-api",
    From: send.from,
    SequenceNumber: String(send.statuses.length - 2),
    Timestamp: twilioDate(),
    To: send.to,
  };
  if (status === "completed") Object.assign(fields, { CallDuration: String(DEMO_DURATION_SECONDS), Duration: "1" });
  await postTwilioForm(state, "call-status", callback, fields);
}

export function twilioVoiceAdapter(state: StandInState): ProviderAdapter<CallCreate> {
  const { twilioAccountSid, statusDelayMs } = state.config;
  // The same account credentials as Messages.
  const messaging = twilioAdapter(state);
  return {
    provider: "voice",
    isAuthorized: messaging.isAuthorized,
    unauthorized: messaging.unauthorized,
    decode: (raw) => parseForm(raw.toString("utf8")),
    validate,
    recipient: (body) => body.to,
    ruleReply(rule, body) {
      const reply = ruleFailure(rule.kind, body.to);
      if (rule.kind === "429") reply.headers = { "retry-after": String(rule.retryAfterSeconds) };
      return reply;
    },
    persistentFailure(body) {
      // The demo's invalid numbers (ending in 0000) cannot be rung either; opt-outs apply to SMS only.
      return persistentSmsFailure(body.to) === "21211" ? { kind: "21211", reply: ruleFailure("21211", body.to) } : null;
    },
    accept(body, context) {
      const sid = newCallSid();
      const now = twilioDate(new Date(context.at));
      const base = `/${API_VERSION}/Accounts/${twilioAccountSid}/Calls/${sid}`;
      const resource = {
        account_sid: twilioAccountSid,
        annotation: null,
        answered_by: null,
        api_version: API_VERSION,
        caller_name: null,
        date_created: now,
        date_updated: now,
        direction: "outbound-api",
        duration: null,
        end_time: null,
        forwarded_from: null,
        from: body.from,
        from_formatted: body.from,
        group_sid: null,
        parent_call_sid: null,
        phone_number_sid: null,
        price: null,
        price_unit: "USD",
        queue_time: "0",
        sid,
        start_time: null,
        status: "queued",
        subresource_uris: {
          notifications: `${base}/Notifications.json`,
          recordings: `${base}/Recordings.json`,
          events: `${base}/Events.json`,
          streams: `${base}/Streams.json`,
        },
        to: body.to,
        to_formatted: body.to,
        trunk_sid: null,
        uri: `${base}.json`,
      };
      const send: AcceptedSend = {
        seq: context.seq,
        requestId: context.requestId,
        at: context.at,
        provider: "voice",
        messageId: sid,
        idempotencyKey: context.idempotencyKey,
        to: body.to,
        from: body.from,
        phoneNumberId: null,
        type: "call",
        text: `[call → ${body.instructions.dialed.join(", ") || body.instructions.url || "TwiML"}]`,
        mediaUrls: [],
        statusCallback: body.statusCallback,
        bizOpaqueCallbackData: null,
        status: "queued",
        statuses: [{ status: "queued", at: context.at }],
        call: body.instructions,
      };
      return {
        reply: { status: 201, body: resource },
        send,
        afterResponse({ undelivered }) {
          // An "undelivered" rule: the user's phone rings out unanswered.
          const after = undelivered ? ["no-answer"] : ["in-progress", "completed"];
          state.scheduler.sequence(statusDelayMs, ["initiated", "ringing", ...after].map((status) => () => reportCallStatus(state, send, status)));
        },
      };
    },
  };
}
