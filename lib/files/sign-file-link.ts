/**
 * Expiring public download links for providers (Twilio, WhatsApp fetch the
 * media of an outbound message themselves and cannot sign in). HMAC-SHA256
 * over id and expiry, with a key derived from the app secret.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { env, publicUrl } from "../env";

const LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;
const key = () => createHash("sha256").update(`parley-file-links:${env.NEXTAUTH_SECRET}`).digest();
const sign = (attachmentId: string, expires: number) => createHmac("sha256", key()).update(`${attachmentId}.${expires}`).digest("base64url");

export function signFileLink(options: { attachmentId: string; now?: number }): string {
  const expires = (options.now ?? Date.now()) + LINK_LIFETIME_MS;
  return `${publicUrl()}/api/files/${options.attachmentId}/public?expires=${expires}&signature=${sign(options.attachmentId, expires)}`;
}

export function verifyFileLink(options: { attachmentId: string; expires: string | null; signature: string | null }): boolean {
  const expires = Number(options.expires);
  if (!options.signature || !Number.isSafeInteger(expires) || expires < Date.now()) return false;
  const expected = Buffer.from(sign(options.attachmentId, expires));
  const given = Buffer.from(options.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
