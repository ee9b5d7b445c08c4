/** Loading a number's provider settings, secrets included: only channel code asks for them. */
import { db } from "../db";
import type { Channel } from "../generated/prisma/enums";
import type { ProviderConfig, WebhookTarget } from "./types";

/** The columns a number's provider settings are made of, secrets included (explicitly selected, as the client omits them). */
export const providerConfigSelect = {
  id: true, companyId: true, address: true, providerBaseUrl: true, providerAccount: true,
  providerSecret: true, webhookSecret: true, verifyToken: true, apiVersion: true, queueId: true,
} as const;

export function toConfig(row: { id: string; companyId: string; address: string; providerBaseUrl: string | null; providerAccount: string | null; providerSecret: string | null; webhookSecret: string | null; verifyToken: string | null; apiVersion: string | null; queueId: string | null }): ProviderConfig | null {
  if (!row.providerBaseUrl || !row.providerAccount || !row.providerSecret) return null;
  return { addressId: row.id, companyId: row.companyId, address: row.address, baseUrl: row.providerBaseUrl, account: row.providerAccount, secret: row.providerSecret, webhookSecret: row.webhookSecret, verifyToken: row.verifyToken, apiVersion: row.apiVersion, queueId: row.queueId };
}

export async function providerConfigById(addressId: string): Promise<ProviderConfig | null> {
  const row = await db.channelAddress.findUnique({ where: { id: addressId }, omit: { providerSecret: false, webhookSecret: false, verifyToken: false } });
  return row ? toConfig(row) : null;
}

export async function providerConfigForWebhook(channel: Channel, target: WebhookTarget): Promise<ProviderConfig | null> {
  const row = await db.channelAddress.findFirst({
    where: { channel, ...(target.by === "address" ? { address: target.value } : { providerAccount: target.value }) },
    omit: { providerSecret: false, webhookSecret: false, verifyToken: false },
  });
  return row ? toConfig(row) : null;
}

export async function verifyTokensFor(channel: Channel): Promise<string[]> {
  const rows = await db.channelAddress.findMany({ where: { channel, verifyToken: { not: null } }, select: { verifyToken: true } });
  return rows.map((r) => r.verifyToken!).filter(Boolean);
}

