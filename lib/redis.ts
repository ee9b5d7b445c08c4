/**
 * Redis connections. BullMQ needs its own blocking connections; everything
 * else shares one client per process.
 */
import { Redis, type RedisOptions } from "ioredis";
import { env } from "./env";

export function createRedis(options: RedisOptions = {}): Redis {
  // RESP2: the socket.io Redis adapter and emitter expect RESP2 pub/sub replies.
  return new Redis(env.REDIS_URL, { maxRetriesPerRequest: null, protocol: 2, ...options });
}

const globalForRedis = globalThis as unknown as { parleyRedis?: Redis };

/** The shared non-blocking client of this process. */
export function redis(): Redis {
  globalForRedis.parleyRedis ??= createRedis();
  return globalForRedis.parleyRedis;
}
