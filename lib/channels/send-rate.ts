/** Per-number send rate: a one-second window counter in Redis shared by every worker. */
import { env } from "../env";
import { redis } from "../redis";

/** Takes a send slot for this number; returns 0 when allowed now, else how long to wait. */
export async function takeSendSlot(addressId: string, perSecond: number): Promise<number> {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  const key = `${env.REDIS_PREFIX}:send-rate:${addressId}:${second}`;
  const [[, count]] = (await redis().multi().incr(key).pexpire(key, 2000).exec()) as [[null, number], [null, number]];
  return count <= perSecond ? 0 : (second + 1) * 1000 - now + Math.floor(Math.random() * 50);
}
