/** Channel modules by their webhook slug (/api/webhooks/<slug>) and by channel. Add a channel here. */
import type { Channel } from "../generated/prisma/enums";
import type { ChannelModule } from "./types";
import { twilioSms } from "./twilio-sms";
import { whatsappCloud } from "./whatsapp-cloud";

export const channelModules: Record<string, ChannelModule> = {
  sms: twilioSms,
  whatsapp: whatsappCloud,
};

export function moduleForChannel(channel: Channel): ChannelModule | null {
  return Object.values(channelModules).find((m) => m.channel === channel) ?? null;
}

export function slugFor(channelModule: ChannelModule): string {
  return Object.entries(channelModules).find(([, m]) => m === channelModule)?.[0] ?? channelModule.channel.toLowerCase();
}
