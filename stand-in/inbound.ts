/**
 * Customers writing in: the stand-in posts an inbound message to Parley's
 * webhooks exactly as Twilio (form, X-Twilio-Signature) or the Cloud API
 * (JSON, X-Hub-Signature-256) would, and hands back Parley's answer.
 */
import type { StandInState } from "./recorder";
import { newSmsSid, newWamid } from "./signatures";
import { API_VERSION } from "./twilio";
import { postTwilioForm, postWhatsAppJson } from "./webhooks";
import { defaultPhoneNumberId } from "./whatsapp";
import { inboundPayload } from "./whatsapp-wire";

export interface InboundSms {
  from: string;
  to: string;
  body: string;
  mediaUrls?: string[];
  mediaContentTypes?: string[];
}

/** Posts a customer's SMS to Parley's webhook, as Twilio would. */
export async function sendInboundSms(state: StandInState, message: InboundSms) {
  const url = `${state.config.parleyUrl}/api/webhooks/sms`;
  const sid = newSmsSid();
  const media = message.mediaUrls ?? [];
  const fields: Record<string, string> = {
    AccountSid: state.config.twilioAccountSid,
    ApiVersion: API_VERSION,
    Body: message.body,
    From: message.from,
    MessageSid: sid,
    NumMedia: String(media.length),
    NumSegments: "1",
    SmsMessageSid: sid,
    SmsSid: sid,
    SmsStatus: "received",
    To: message.to,
  };
  media.forEach((mediaUrl, index) => {
    fields[`MediaUrl${index}`] = mediaUrl;
    fields[`MediaContentType${index}`] = message.mediaContentTypes?.[index] ?? "application/octet-stream";
  });
  const posted = await postTwilioForm(state, "sms-inbound", url, fields);
  return { messageSid: sid, status: posted.status, responseBody: posted.responseBody, error: posted.error };
}

export interface InboundWhatsApp {
  from: string;
  /** The business's display phone number. */
  to: string;
  phoneNumberId?: string;
  name?: string;
  body: string;
  wamid?: string;
}

/** Posts a customer's WhatsApp text to Parley's webhook, as the Cloud API would. */
export async function sendInboundWhatsApp(state: StandInState, message: InboundWhatsApp) {
  const phoneNumberId = message.phoneNumberId ?? defaultPhoneNumberId(message.to);
  state.whatsappNumbers.set(phoneNumberId, message.to);
  const wamid = message.wamid ?? newWamid();
  const payload = inboundPayload(phoneNumberId, message.to, { wamid, from: message.from, name: message.name ?? message.from, body: message.body });
  const posted = await postWhatsAppJson(state, "whatsapp-inbound", payload);
  return { wamid, status: posted.status, responseBody: posted.responseBody, error: posted.error };
}
