/**
 * Media a customer sent over SMS/WhatsApp: each provider URL is fetched (10 s
 * timeout, cut off at the company's size limit) into storage as a PENDING
 * attachment of the inbound message, and checked by the same file-validation
 * worker as uploads. The message shows a file once it is accepted.
 */
import type { Channel } from "../generated/prisma/enums";
import type { ProviderConfig } from "../channels/types";
import { uploadAttachment } from "./upload-attachment";

const MEDIA_TIMEOUT_MS = 10_000;

export interface StoreInboundMediaOptions {
  conversation: { id: string; companyId: string; channel: Channel };
  messageId: string;
  config: ProviderConfig;
  media: Array<{ url: string; contentType: string }>;
}

/** Provider credentials go only to the provider's own host, never to another URL found in a payload. */
function authHeaders(url: string, channel: Channel, config: ProviderConfig): Record<string, string> {
  if (new URL(url).origin !== new URL(config.baseUrl).origin) return {};
  if (channel === "SMS") return { authorization: `Basic ${Buffer.from(`${config.account}:${config.secret}`).toString("base64")}` };
  return { authorization: `Bearer ${config.secret}` };
}

function nameFor(url: string, index: number): string {
  const last = new URL(url).pathname.split("/").filter(Boolean).pop();
  return last && last.includes(".") ? decodeURIComponent(last) : `media-${index + 1}`;
}

export async function storeInboundMedia(options: StoreInboundMediaOptions): Promise<number> {
  let stored = 0;
  for (const [index, item] of options.media.entries()) {
    try {
      const response = await fetch(item.url, { headers: authHeaders(item.url, options.conversation.channel, options.config), signal: AbortSignal.timeout(MEDIA_TIMEOUT_MS) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const length = response.headers.get("content-length");
      await uploadAttachment({
        conversation: options.conversation,
        messageId: options.messageId,
        uploaderUserId: null,
        fileName: nameFor(item.url, index),
        declaredType: item.contentType,
        declaredSize: length && /^\d+$/.test(length) ? Number(length) : null,
        body: response.body,
      });
      stored++;
    } catch (error) {
      // One unreachable or oversized file must not lose the customer's message.
      console.warn(`[parley] inbound media ${index + 1} of message ${options.messageId} not stored: ${(error as Error).message}`);
    }
  }
  return stored;
}
