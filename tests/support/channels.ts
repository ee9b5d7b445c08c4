/** SMS and WhatsApp numbers wired to a queue, and webhook calls signed the way providers sign them. */
import { createHash, createHmac } from "node:crypto";
import { db } from "@/lib/db";
import { answerWebhook } from "@/lib/channels/webhook-endpoint";
import { createCompany, createQueue, createUser, uniqueSuffix } from "./factories";

export const SMS_TOKEN = "test-twilio-token";
export const WA_SECRET = "test-whatsapp-app-secret";
export const WA_TOKEN = "test-whatsapp-access-token";
export const PUBLIC_URL = "http://localhost:3000";

let counter = 0;
export function uniqueNumber(): string {
  counter += 1;
  const digits = (parseInt(createHash("sha1").update(uniqueSuffix() + counter).digest("hex").slice(0, 8), 16) % 10_000_000).toString().padStart(7, "0");
  return `+1555${digits}`;
}

export async function channelCenter(options: { standInUrl?: string } = {}) {
  const company = await createCompany();
  const agent = await createUser(company.id);
  const queue = await createQueue(company.id, { memberIds: [agent.id] });
  const base = options.standInUrl ?? "http://127.0.0.1:9";
  const sms = await db.channelAddress.create({
    data: { companyId: company.id, queueId: queue.id, channel: "SMS", address: uniqueNumber(), label: "SMS", providerBaseUrl: base, providerAccount: "AC00000000000000000000000000000000", providerSecret: SMS_TOKEN },
  });
  const whatsapp = await db.channelAddress.create({
    data: { companyId: company.id, queueId: queue.id, channel: "WHATSAPP", address: uniqueNumber(), label: "WhatsApp", providerBaseUrl: base, providerAccount: `pn-${uniqueSuffix()}`, providerSecret: WA_TOKEN, webhookSecret: WA_SECRET, verifyToken: `verify-${uniqueSuffix()}`, apiVersion: "v21.0" },
  });
  return { company, agent, queue, sms, whatsapp };
}

/** Computed independently of lib/channels: HMAC-SHA1 over URL + sorted name/value pairs, base64. */
export function signTwilio(url: string, params: Record<string, string>, token = SMS_TOKEN): string {
  const data = url + Object.keys(params).sort().map((key) => key + params[key]).join("");
  return createHmac("sha1", token).update(data).digest("base64");
}

export function signWhatsApp(rawBody: string, secret = WA_SECRET): string {
  return "sha256=" + createHmac("sha256", secret).update(rawBody).digest("hex");
}

export async function postWebhook(channel: string, options: { body: string; headers?: Record<string, string>; query?: string }): Promise<{ status: number; text: string }> {
  const answer = await answerWebhook({ method: "POST", path: `/api/webhooks/${channel}${options.query ?? ""}`, headers: new Headers(options.headers), rawBody: options.body });
  return { status: answer.status, text: answer.body };
}

export async function getWebhook(channel: string, query: string): Promise<{ status: number; text: string }> {
  const answer = await answerWebhook({ method: "GET", path: `/api/webhooks/${channel}${query}`, headers: new Headers(), rawBody: "" });
  return { status: answer.status, text: answer.body };
}

export function smsForm(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

export function whatsappInbound(phoneNumberId: string, from: string, wamid: string, text: string): string {
  return JSON.stringify({
    object: "whatsapp_business_account",
    entry: [{ id: "waba", changes: [{ field: "messages", value: {
      messaging_product: "whatsapp", metadata: { display_phone_number: "15550000000", phone_number_id: phoneNumberId },
      contacts: [{ profile: { name: "Wanda" }, wa_id: from.replace("+", "") }],
      messages: [{ from: from.replace("+", ""), id: wamid, timestamp: String(Math.floor(Date.now() / 1000)), type: "text", text: { body: text } }],
    } }] }],
  });
}
