/**
 * Every provider webhook: find the number it is for, verify the signature
 * with that number's secret before anything is written (403 otherwise), then
 * store inbound messages once (de-duplicated by provider message id) and
 * apply delivery statuses.
 */
import { db } from "../db";
import { AppError } from "../errors";
import { storeInboundMedia } from "../files/store-inbound-media";
import { receiveCustomerMessage } from "../messages/receive-customer-message";
import { receiveRoomSms } from "../rooms/receive-room-sms";
import { applyProviderStatus } from "./apply-provider-status";
import { applyRoomDeliveryStatus } from "../rooms/apply-room-delivery-status";
import { findOrCreateContact } from "./find-or-create-contact";
import { providerConfigForWebhook, verifyTokensFor } from "./provider-config";
import { channelModules } from "./registry";
import type { InboundMessageEvent, ProviderConfig, WebhookRequest } from "./types";

function moduleFor(slug: string) {
  const channelModule = channelModules[slug];
  if (!channelModule) throw new AppError("NOT_FOUND", `There is no channel called "${slug}".`);
  return channelModule;
}

export async function processWebhook(slug: string, request: WebhookRequest): Promise<{ contentType: string; body: string }> {
  const channelModule = moduleFor(slug);
  const target = channelModule.webhookTarget(request);
  let config = target ? await providerConfigForWebhook(channelModule.channel, target) : null;
  let verified = config !== null && channelModule.verifySignature(request, config);
  // A kept copy of the settings may predate a new secret: check a failed signature against the database too.
  if (target && !verified) {
    config = await providerConfigForWebhook(channelModule.channel, target, { fresh: true });
    verified = config !== null && channelModule.verifySignature(request, config);
  }
  if (!config || !verified) {
    throw new AppError("FORBIDDEN", "The webhook signature is missing or invalid for this number.");
  }
  let events;
  try {
    events = channelModule.parseWebhook(request);
  } catch {
    throw new AppError("BAD_REQUEST", "The webhook payload is not in the expected format.");
  }
  for (const event of events) {
    if (event.kind === "message") {
      // Replies to widget SMS conversations (and texts to direct lines) go to the widget, the rest to the queues.
      const forWidget = channelModule.channel === "SMS" && (await receiveRoomSms({ provider: channelModule.provider, config, event }));
      if (!forWidget) await receiveFromChannel(channelModule.provider, config, event);
    }
    // Only a status about none of our messages can be about a group-SMS delivery.
    else if ((await applyProviderStatus(channelModule, config.companyId, event)) === "no-message") await applyRoomDeliveryStatus(channelModule, config.companyId, event);
  }
  return channelModule.webhookAnswer();
}

async function receiveFromChannel(provider: string, config: ProviderConfig, event: InboundMessageEvent): Promise<void> {
  const contact = await findOrCreateContact(config.companyId, event.from, event.name);
  const body = event.body || (event.media.length ? "" : "(empty message)");
  const received = await receiveCustomerMessage({ contactId: contact.id, channelAddressId: config.addressId, body, provider, providerMessageId: event.providerMessageId, hasMedia: event.media.length > 0 });
  // Media are fetched once, with the message's first delivery; the file-validation worker decides what is shown.
  if (received.created && event.media.length) {
    const conversation = await db.conversation.findUniqueOrThrow({ where: { id: received.conversationId }, select: { id: true, companyId: true, channel: true } });
    await storeInboundMedia({ conversation, messageId: received.message.id, config, media: event.media });
  }
}

/** The subscription handshake (WhatsApp GET): the challenge for a known verify token, else 403. */
export async function verifyWebhookSubscription(slug: string, params: URLSearchParams): Promise<string> {
  const channelModule = moduleFor(slug);
  const challenge = channelModule.verifySubscription?.(params, await verifyTokensFor(channelModule.channel)) ?? null;
  if (challenge === null) throw new AppError("FORBIDDEN", "The verify token does not match.");
  return challenge;
}
