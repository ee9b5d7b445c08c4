/**
 * Webhook signatures exactly as the providers compute them, so Parley's
 * verification code is exercised against the real algorithms.
 */
import { createHmac, randomBytes } from "node:crypto";
import type { FormFields } from "./http-util";

/**
 * X-Twilio-Signature: base64(HMAC-SHA1(authToken, url + name1 + value1 + name2 + value2 ...)),
 * the POST parameters sorted by name (case-sensitive); a repeated name
 * contributes name+value once per distinct value, values sorted (as twilio-node does).
 */
export function twilioSignature(authToken: string, url: string, params: FormFields): string {
  let data = url;
  for (const name of Object.keys(params).sort()) {
    const value = params[name]!;
    const values = Array.isArray(value) ? [...new Set(value)].sort() : [value];
    for (const item of values) data += name + item;
  }
  return createHmac("sha1", authToken).update(Buffer.from(data, "utf8")).digest("base64");
}

/** X-Hub-Signature-256: "sha256=" + hex HMAC-SHA256(appSecret, raw body bytes). */
export function whatsappSignature(appSecret: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac("sha256", appSecret).update(rawBody).digest("hex")}`;
}

/** A Twilio message SID: "SM" + 32 lowercase hex digits. */
export function newSmsSid(): string {
  return `SM${randomBytes(16).toString("hex")}`;
}

/** A WhatsApp message id: "wamid." + random base64url. */
export function newWamid(): string {
  return `wamid.${randomBytes(30).toString("base64url")}`;
}

/** A Graph API trace id, as in every Graph error. */
export function newFbtraceId(): string {
  return randomBytes(8).toString("base64url");
}
