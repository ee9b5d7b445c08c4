/**
 * A real socket.io server (the production createSocketServer, Redis adapter
 * and all) on a random port, and real clients connecting to it.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect, type Socket } from "socket.io-client";
import { createSocketServer } from "@/lib/realtime/socket-server";
import "@/lib/realtime/handlers";

export interface SocketHarness {
  url: string;
  close: () => Promise<void>;
}

export async function startSocketServer(): Promise<SocketHarness> {
  const httpServer = createServer();
  const sockets = createSocketServer(httpServer);
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const { port } = httpServer.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => sockets.close() };
}

export function connectClient(url: string, options: { cookie?: string; token?: string; namespace?: string; auth?: Record<string, unknown> } = {}): Socket {
  return connect(url + (options.namespace ?? ""), {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    extraHeaders: options.cookie ? { cookie: options.cookie } : undefined,
    auth: { ...(options.token ? { token: options.token } : {}), ...(options.auth ?? {}) },
  });
}

/** Resolves when connected; rejects with the server's refusal message. */
export function connected(socket: Socket): Promise<Socket> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve(socket);
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (error) => reject(error));
  });
}

/** The next payload of an event, or a rejection after a timeout. */
export function nextEvent<T = unknown>(socket: Socket, event: string, timeoutMs = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

/** Collects every payload of an event until stopped. */
export function collect<T = unknown>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}

export function request<T = unknown>(socket: Socket, event: string, payload: unknown, timeoutMs = 5000): Promise<{ ok: boolean; data?: T; error?: { code: string; message: string } }> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
