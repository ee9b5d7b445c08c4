/**
 * Publishing to sockets from any process (route handlers inside Next.js,
 * socket handlers, workers) reaches every socket.io server that shares the
 * Redis adapter. In the web process the events go through its own socket.io
 * server, whose Redis adapter delivers to local sockets at once and tells
 * the other servers through Redis; elsewhere (workers, scripts) through the
 * Redis emitter.
 */
import { Emitter } from "@socket.io/redis-emitter";
import type { Server } from "socket.io";
import { env } from "../env";
import { createRedis } from "../redis";

export const SOCKET_IO_REDIS_KEY = `${env.REDIS_PREFIX}:socket.io`;

/** What the bus needs of a broadcaster: the shape socket.io's Server and the Redis Emitter share. */
export interface Broadcaster {
  to(rooms: string | string[]): Audience;
  of(namespace: string): Broadcaster;
}

// Shared across the Next.js bundle and server.ts, which load their own copies of this module.
const globalForEmitter = globalThis as unknown as { parleyEmitter?: Emitter; parleySocketServer?: Server };

/** Rooms to emit to; a socket's id is a room of its own, so except(socketId) leaves one socket out. */
export interface Audience {
  except(rooms: string | string[]): Audience;
  emit(event: string, data: unknown): unknown;
}

/** The web process's socket.io server, from its start to its close. */
export function broadcastThrough(server: Server): () => void {
  globalForEmitter.parleySocketServer = server;
  return () => {
    if (globalForEmitter.parleySocketServer === server) globalForEmitter.parleySocketServer = undefined;
  };
}

export function broadcaster(): Broadcaster {
  return (globalForEmitter.parleySocketServer as unknown as Broadcaster | undefined) ?? (emitter() as unknown as Broadcaster);
}

export function emitter(): Emitter {
  // Events published in the same tick (a batch of picks, a message and its status) leave in one write.
  globalForEmitter.parleyEmitter ??= new Emitter(createRedis({ enableAutoPipelining: true }), { key: SOCKET_IO_REDIS_KEY });
  return globalForEmitter.parleyEmitter;
}
