/** Loading a number's provider settings, secrets included: only channel code asks for them. */
import { LRUCache } from "lru-cache";
import { db } from "../db";
import type { Channel } from "../generated/prisma/enums";
import type { ProviderConfig, WebhookTarget } from "./types";

export function toConfig(row: { id: string; companyId: string; address: string; providerBaseUrl: string | null; providerAccount: string | null; providerSecret: string | null; webhookSecret: string | null; verifyToken: string | null; apiVersion: string | null; queueId: string | null }): ProviderConfig | null {
  if (!row.providerBaseUrl || !row.providerAccount || !row.providerSecret) return null;
  return { addressId: row.id, companyId: row.companyId, address: row.address, baseUrl: row.providerBaseUrl, account: row.providerAccount, secret: row.providerSecret, webhookSecret: row.webhookSecret, verifyToken: row.verifyToken, apiVersion: row.apiVersion, queueId: row.queueId };
}

export async function providerConfigById(addressId: string): Promise<ProviderConfig | null> {
  const row = await db.channelAddress.findUnique({ where: { id: addressId }, omit: { providerSecret: false, webhookSecret: false, verifyToken: false } });
  return row ? toConfig(row) : null;
}

/**
 * Every webhook (each text, and two or three statuses per text sent) needs its number's settings. They
 * rarely change, so each process keeps them for a few seconds instead of asking the database every time.
 * Changes made in this process clear the copy at once (forgetProviderConfigs); other processes follow
 * within WEBHOOK_CONFIG_TTL_MS, and a signature that fails against a kept copy is checked again against
 * the database (see processWebhook), so a rotated secret is honoured at once.
 */
const WEBHOOK_CONFIG_TTL_MS = 5_000;
const webhookConfigs = new LRUCache<string, { config: ProviderConfig }>({ max: 1_000, ttl: WEBHOOK_CONFIG_TTL_MS });

export async function providerConfigForWebhook(channel: Channel, target: WebhookTarget, options: { fresh?: boolean } = {}): Promise<ProviderConfig | null> {
  const key = `${channel}:${target.by}:${target.value}`;
  const kept = options.fresh ? undefined : webhookConfigs.get(key);
  if (kept) return kept.config;
  const row = await db.channelAddress.findFirst({
    where: { channel, ...(target.by === "address" ? { address: target.value } : { providerAccount: target.value }) },
    omit: { providerSecret: false, webhookSecret: false, verifyToken: false },
  });
  const config = row ? toConfig(row) : null;
  // An unknown number is not kept: it may be added in a moment.
  if (config) webhookConfigs.set(key, { config });
  return config;
}

/** After a number's settings or queue changed here: the next webhook reads them again. */
export function forgetProviderConfigs(): void {
  webhookConfigs.clear();
}

export async function verifyTokensFor(channel: Channel): Promise<string[]> {
  const rows = await db.channelAddress.findMany({ where: { channel, verifyToken: { not: null } }, select: { verifyToken: true } });
  return rows.map((r) => r.verifyToken!).filter(Boolean);
}

