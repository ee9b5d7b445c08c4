/**
 * Publishing to sockets from any process (route handlers inside Next.js,
 * socket handlers, workers) goes through Redis, so it reaches every
 * socket.io server that shares the Redis adapter.
 */
import { Emitter } from "@socket.io/redis-emitter";
import { env } from "../env";
import { createRedis } from "../redis";

export const SOCKET_IO_REDIS_KEY = `${env.REDIS_PREFIX}:socket.io`;

const globalForEmitter = globalThis as unknown as { parleyEmitter?: Emitter };

export function emitter(): Emitter {
  // Events published in the same tick (a batch of picks, a message and its status) leave in one write.
  globalForEmitter.parleyEmitter ??= new Emitter(createRedis({ enableAutoPipelining: true }), { key: SOCKET_IO_REDIS_KEY });
  return globalForEmitter.parleyEmitter;
}
