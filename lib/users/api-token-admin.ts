/** Creating, listing and revoking the caller's personal API tokens. */
import { z } from "zod";
import { db } from "../db";
import { notFound } from "../errors";
import type { Principal } from "../auth/principal";
import { generateApiToken, hashApiToken } from "../auth/api-tokens";
import { emitter } from "../realtime/emitter";
import { rooms } from "../realtime/events";

export const createTokenInputSchema = z.object({ name: z.string().trim().min(1, "Give the token a name, e.g. 'Phone'.").max(60) });

export interface ApiTokenSummary {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export async function listApiTokens(options: { principal: Principal }): Promise<ApiTokenSummary[]> {
  const rows = await db.apiToken.findMany({
    where: { userId: options.principal.userId, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true },
  });
  return rows.map((row) => ({ id: row.id, name: row.name, createdAt: row.createdAt.toISOString(), lastUsedAt: row.lastUsedAt?.toISOString() ?? null }));
}

/** Returns the token itself once; only its hash is kept. */
export async function createApiToken(options: { principal: Principal; name: string }): Promise<{ token: string; summary: ApiTokenSummary }> {
  const token = generateApiToken();
  const row = await db.apiToken.create({
    data: { userId: options.principal.userId, name: options.name, tokenHash: hashApiToken(token) },
    select: { id: true, name: true, createdAt: true },
  });
  return { token, summary: { id: row.id, name: row.name, createdAt: row.createdAt.toISOString(), lastUsedAt: null } };
}

export async function revokeApiToken(options: { principal: Principal; tokenId: string }): Promise<void> {
  const { count } = await db.apiToken.updateMany({
    where: { id: options.tokenId, userId: options.principal.userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw notFound("That token does not exist or was already revoked.");
  // A socket checks its token once, when it connects: close those opened with this one.
  emitter().in(rooms.apiToken(options.tokenId)).disconnectSockets(true);
}
