/**
 * Presence: a user is online while at least one of their clients holds a
 * socket. Kept in Redis so every server and the pages agree.
 */
import { env } from "../env";
import { redis } from "../redis";
import { publishAgentEvent } from "./bus";

const key = (userId: string) => `${env.REDIS_PREFIX}:presence:${userId}`;

export async function markSocketOnline(user: { userId: string; companyId: string }, socketId: string): Promise<void> {
  const [[, added], [, count]] = (await redis().multi().sadd(key(user.userId), socketId).scard(key(user.userId)).exec()) as [[null, number], [null, number]];
  if (added === 1 && count === 1) publishAgentEvent("presence:changed", { userId: user.userId, companyId: user.companyId, online: true });
}

export async function markSocketOffline(user: { userId: string; companyId: string }, socketId: string): Promise<void> {
  const [[, removed], [, count]] = (await redis().multi().srem(key(user.userId), socketId).scard(key(user.userId)).exec()) as [[null, number], [null, number]];
  if (removed === 1 && count === 0) publishAgentEvent("presence:changed", { userId: user.userId, companyId: user.companyId, online: false });
}

export async function onlineUserIds(userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const pipeline = redis().pipeline();
  for (const id of userIds) pipeline.scard(key(id));
  const counts = (await pipeline.exec()) ?? [];
  return new Set(userIds.filter((_, index) => Number(counts[index]?.[1] ?? 0) > 0));
}


/**
 * Forgets every presence record. The web process calls it at start: sockets
 * of a previous run that crashed never said goodbye. (One web process per
 * Redis prefix; several would need per-process socket sets.)
 */
export async function clearPresence(): Promise<void> {
  const client = redis();
  let cursor = "0";
  do {
    const [next, keys] = await client.scan(cursor, "MATCH", `${env.REDIS_PREFIX}:presence:*`, "COUNT", 500);
    if (keys.length) await client.del(...keys);
    cursor = next;
  } while (cursor !== "0");
}
