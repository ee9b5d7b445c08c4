/** Personal API tokens for non-browser clients. Only a SHA-256 hash is stored. */
import { createHash, randomBytes } from "node:crypto";
import { db } from "../db";
import type { Principal } from "./principal";

export const API_TOKEN_PREFIX = "plt_";

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** lastUsedAt is shown to the minute; writing it more often would add a write to every API request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export function generateApiToken(): string {
  return API_TOKEN_PREFIX + randomBytes(24).toString("base64url");
}

/** Resolves a bearer token to its user, or null when unknown or revoked. */
export async function principalFromApiToken(token: string): Promise<Principal | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  // One query for the token and its user: every API request pays for this.
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashApiToken(token) },
    select: { id: true, revokedAt: true, lastUsedAt: true, user: { select: { id: true, companyId: true, role: true, name: true, email: true } } },
  });
  if (!row || row.revokedAt) return null;
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  const { user } = row;
  return { userId: user.id, companyId: user.companyId, role: user.role, name: user.name, email: user.email, apiTokenId: row.id };
}
