/**
 * What a provider status event changes on whatever we sent (a customer
 * message or a group-SMS delivery): shared so both follow the same rules.
 */
import type { ChannelModule, StatusEvent } from "./types";
import { statesBefore } from "./status-order";

/** Finds the send by the provider's id, or by our id echoed back before we recorded the provider's (a lost answer). */
export function sentItemMatch(channelModule: ChannelModule, event: StatusEvent) {
  return [{ provider: channelModule.provider, providerMessageId: event.providerMessageId }, ...(event.messageId ? [{ id: event.messageId, providerMessageId: null }] : [])];
}

/** A conditional update that only ever moves the status forward. */
export function statusUpdate(channelModule: ChannelModule, event: StatusEvent) {
  return {
    where: { status: { in: statesBefore(event.status) } },
    data: {
      status: event.status,
      provider: channelModule.provider,
      providerMessageId: event.providerMessageId,
      ...(event.status === "FAILED" ? { failureCode: event.errorCode ?? null, failureReason: event.errorReason ?? "The provider could not deliver this message." } : {}),
    },
  };
}

/** The provider says the recipient opted out (e.g. replied STOP): no further sends to them. */
export function isOptOut(channelModule: ChannelModule, event: StatusEvent): boolean {
  return event.status === "FAILED" && Boolean(event.errorCode) && channelModule.optOutCodes.includes(event.errorCode!);
}
