/**
 * The web-chat customer's credential: a signed token naming the contact and
 * the entry point, kept by the customer's browser so a reload resumes the
 * same chat. HMAC-SHA256 with a key derived from the app secret.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { env } from "../env";

export interface CustomerClaims {
  contactId: string;
  addressId: string;
}

const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
const key = () => createHash("sha256").update(`parley-webchat:${env.NEXTAUTH_SECRET}`).digest();

function sign(payload: string): string {
  return createHmac("sha256", key()).update(payload).digest("base64url");
}

export function issueCustomerToken(claims: CustomerClaims): string {
  const payload = Buffer.from(JSON.stringify({ c: claims.contactId, a: claims.addressId, t: Date.now() })).toString("base64url");
  return `${payload}.${sign(payload)}`;
}

export function verifyCustomerToken(token: string | undefined | null): CustomerClaims | null {
  if (!token) return null;
  const [payload, signature] = token.split(".");
  if (!payload || !signature) return null;
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const data = JSON.parse(Buffer.from(payload, "base64url").toString()) as { c?: unknown; a?: unknown; t?: unknown };
    if (typeof data.c !== "string" || typeof data.a !== "string" || typeof data.t !== "number") return null;
    if (Date.now() - data.t > MAX_AGE_MS) return null;
    return { contactId: data.c, addressId: data.a };
  } catch {
    return null;
  }
}
