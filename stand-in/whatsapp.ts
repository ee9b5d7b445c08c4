/**
 * WhatsApp Cloud API, as far as Parley uses it: POST /{version}/{phoneNumberId}/messages
 * (Bearer token, JSON text/image/document/template) and the status webhooks
 * posted to Parley, signed with X-Hub-Signature-256. Inbound: inbound.ts.
 */
import { timingSafeEqual } from "node:crypto";
import type { FailureKind } from "./failures";
import { digits, type Reply } from "./http-util";
import type { ProviderAdapter } from "./provider-flow";
import type { AcceptedSend, StandInState } from "./recorder";
import { newWamid } from "./signatures";
import { postWhatsAppJson } from "./webhooks";
import { graphError, readableText, sendSchema, statusPayload, type StatusUpdate, type WhatsAppSend } from "./whatsapp-wire";

const UNDELIVERED = { code: 131026, title: "Message undeliverable", details: "Message failed to send because the recipient could not be reached." };

function ruleFailure(kind: FailureKind, retryAfterSeconds: number): Reply {
  switch (kind) {
    case "429":
      return graphError(130429, "Rate limit hit", 429, "Cloud API message throughput has been reached.", { "retry-after": String(retryAfterSeconds) });
    case "131047":
      return graphError(
        131047,
        "Re-engagement message",
        400,
        "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
      );
    default:
      return graphError(131000, "Something went wrong", 500, "Something went wrong. Please try again later.");
  }
}

/**
 * The phone-number id of a display number when an inbound post names none:
 * "pn-" + its digits, the convention of the demo data (prisma/seed.ts).
 */
export function defaultPhoneNumberId(displayNumber: string): string {
  return `pn-${digits(displayNumber)}`;
}

/** The display number for a phone-number id: learned from inbound posts, else read from a "pn-<digits>" id, else the id itself. */
export function displayNumberOf(state: StandInState, phoneNumberId: string): string {
  return state.whatsappNumbers.get(phoneNumberId) ?? /^pn-(\d+)$/.exec(phoneNumberId)?.[1] ?? phoneNumberId;
}

async function reportStatus(state: StandInState, send: AcceptedSend, update: StatusUpdate): Promise<void> {
  state.noteStatus(send, update.status, update.error?.code);
  const phoneNumberId = send.phoneNumberId ?? "";
  await postWhatsAppJson(state, "whatsapp-status", statusPayload(phoneNumberId, displayNumberOf(state, phoneNumberId), update));
}

export function whatsAppAdapter(state: StandInState): ProviderAdapter<WhatsAppSend> {
  const expected = Buffer.from(`Bearer ${state.config.whatsappAccessToken}`);
  return {
    provider: "whatsapp",
    isAuthorized(req) {
      const given = Buffer.from(req.headers.authorization ?? "");
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
    unauthorized: () => graphError(190, "Invalid OAuth access token - Cannot parse access token", 401),
    decode(raw) {
      const text = raw.toString("utf8");
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return text;
      }
    },
    validate(decoded) {
      const parsed = sendSchema.safeParse(decoded);
      if (parsed.success) return { ok: true, body: parsed.data };
      const details = parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; ");
      return { ok: false, reply: graphError(100, "(#100) Invalid parameter", 400, details) };
    },
    recipient: (body) => body.to,
    ruleReply: (rule) => ruleFailure(rule.kind, rule.retryAfterSeconds),
    persistentFailure: () => null,
    accept(body, context) {
      const wamid = newWamid();
      const phoneNumberId = context.params.phoneNumberId ?? "";
      const message: Record<string, string> = { id: wamid };
      if (body.type === "template") message.message_status = "accepted";
      const send: AcceptedSend = {
        seq: context.seq,
        requestId: context.requestId,
        at: context.at,
        provider: "whatsapp",
        messageId: wamid,
        idempotencyKey: context.idempotencyKey,
        to: body.to,
        from: displayNumberOf(state, phoneNumberId),
        phoneNumberId,
        type: body.type,
        text: readableText(body),
        mediaUrls: [body.image?.link, body.document?.link].filter((link): link is string => link !== undefined),
        statusCallback: null,
        bizOpaqueCallbackData: body.biz_opaque_callback_data ?? null,
        status: "accepted",
        statuses: [{ status: "accepted", at: context.at }],
      };
      const base = { wamid, recipient: body.to, bizOpaqueCallbackData: body.biz_opaque_callback_data };
      const delay = state.config.statusDelayMs;
      return {
        reply: { status: 200, body: { messaging_product: "whatsapp", contacts: [{ input: body.to, wa_id: digits(body.to) }], messages: [message] } },
        send,
        afterResponse({ undelivered }) {
          state.scheduler.sequence(delay, [
            () => reportStatus(state, send, { ...base, status: "sent" }),
            () => reportStatus(state, send, undelivered ? { ...base, status: "failed", error: UNDELIVERED } : { ...base, status: "delivered" }),
          ]);
        },
      };
    },
  };
}

/** Posts a status for an accepted send on request (e.g. "read", which the stand-in never sends by itself). */
export function reportWhatsAppStatus(state: StandInState, send: AcceptedSend, status: StatusUpdate["status"]) {
  const error = status === "failed" ? UNDELIVERED : undefined;
  const bizOpaqueCallbackData = send.bizOpaqueCallbackData ?? undefined;
  return reportStatus(state, send, { wamid: send.messageId, recipient: send.to, status, error, bizOpaqueCallbackData });
}
