"use client";

/**
 * One socket.io connection per browser tab, authenticated by the session
 * cookie. Exposes typed events to React and the connection state; when the
 * server refuses the session (expired, signed out elsewhere) it sends the
 * person to sign in again instead of failing silently.
 */
import { useRouter } from "next/navigation";
import { createContext, useContext, useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { AgentClientToServer, AgentEventName, AgentEvents, AgentRequests, AgentServerToClient, SocketAck } from "@/lib/realtime/events";
import { errorStatus, type ErrorCode } from "@/lib/errors";
import { ApiError } from "@/components/common/api-client";

export type AgentClientSocket = Socket<AgentServerToClient, AgentClientToServer>;
export type ConnectionState = "connecting" | "online" | "offline";

interface SocketContextValue {
  socket: AgentClientSocket | null;
  state: ConnectionState;
}

const SocketContext = createContext<SocketContextValue>({ socket: null, state: "connecting" });

export function SocketProvider({ children }: { children: React.ReactNode }) {
  // Created without connecting; the effect below connects and cleans up.
  const [socket] = useState<AgentClientSocket>(() => io({ withCredentials: true, transports: ["websocket", "polling"], autoConnect: false }));
  const [state, setState] = useState<ConnectionState>("connecting");
  const router = useRouter();

  useEffect(() => {
    const onConnect = () => setState("online");
    const onDisconnect = () => setState("offline");
    const onError = (error: Error) => {
      setState("offline");
      if (error.message === "UNAUTHENTICATED") router.replace("/sign-in");
    };
    socket.on("connect", onConnect);
    socket.on("disconnect", onDisconnect);
    socket.on("connect_error", onError);
    socket.connect();
    return () => {
      socket.off("connect", onConnect);
      socket.off("disconnect", onDisconnect);
      socket.off("connect_error", onError);
      socket.disconnect();
    };
  }, [socket, router]);

  return <SocketContext.Provider value={{ socket, state }}>{children}</SocketContext.Provider>;
}

export function useSocket(): SocketContextValue {
  return useContext(SocketContext);
}

/** Subscribes to one typed event for the lifetime of the component; the latest handler is always used. */
export function useSocketEvent<K extends AgentEventName>(name: K, handler: (payload: AgentEvents[K]) => void): void {
  const { socket } = useSocket();
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (!socket) return;
    const listener = (payload: AgentEvents[K]) => latest.current(payload);
    // socket.io-client's typed emitter cannot relate a generic key to its listener; the event map guarantees it.
    const typed = socket as unknown as { on(event: string, fn: (payload: AgentEvents[K]) => void): void; off(event: string, fn: (payload: AgentEvents[K]) => void): void };
    typed.on(name, listener);
    return () => typed.off(name, listener);
  }, [socket, name]);
}

/**
 * Runs this tab's own handlers of an event, as if the server had sent it: for a change this tab asked for over the
 * socket, whose answer carries the data (the server spares the asking socket the event; the tab's other views,
 * such as the conversation list, still need to hear it). Handlers must tolerate hearing an event twice, as they
 * already do when a request fell back to HTTP and the server's event reaches this tab too.
 */
export function hearLocally<K extends AgentEventName>(socket: AgentClientSocket | null, name: K, payload: AgentEvents[K]): void {
  if (!socket) return;
  const listeners = (socket as unknown as { listeners(event: string): Array<(payload: AgentEvents[K]) => void> }).listeners(name);
  for (const listener of listeners) listener(payload);
}

/** Sends a request over the socket and resolves with its data, or rejects with the server's message. */
export function socketRequest<K extends keyof AgentRequests>(
  socket: AgentClientSocket,
  name: K,
  payload: AgentRequests[K]["request"],
  timeoutMs = 8000,
): Promise<AgentRequests[K]["response"]> {
  return new Promise((resolve, reject) => {
    const typed = socket as unknown as { timeout(ms: number): { emit(event: string, data: unknown, ack: (err: Error | null, answer: SocketAck<AgentRequests[K]["response"]>) => void): void } };
    typed.timeout(timeoutMs).emit(name, payload, (err, answer) => {
      if (err) return reject(new Error("The server did not answer in time. Check your connection and try again."));
      if (answer.ok) resolve(answer.data);
      else reject(Object.assign(new Error(answer.error.message), { code: answer.error.code }));
    });
  });
}

/**
 * For what agents repeat all day (sending, picking): over the open socket,
 * one round trip without HTTP and session overhead; over HTTP when the
 * socket is down or does not answer. Both requests are idempotent (a
 * clientMessageId; a pick already ours), so the fallback cannot double
 * anything. Refusals come back as ApiError either way.
 */
export async function viaSocketOrHttp<K extends keyof AgentRequests>(
  socket: AgentClientSocket | null,
  name: K,
  payload: AgentRequests[K]["request"],
  overHttp: () => Promise<AgentRequests[K]["response"]>,
): Promise<AgentRequests[K]["response"]> {
  if (!socket?.connected) return overHttp();
  try {
    return await socketRequest(socket, name, payload);
  } catch (error) {
    const code = (error as { code?: ErrorCode }).code;
    if (code) throw new ApiError((error as Error).message, code, errorStatus[code] ?? 500);
    return overHttp();
  }
}

/**
 * Runs a callback whenever this client (re)connects, and once at mount if it
 * already is: events sent while a client was offline are not replayed, so
 * views re-read what they show.
 */
export function useOnConnect(callback: () => void): void {
  const { socket } = useSocket();
  const latest = useRef(callback);
  useEffect(() => {
    latest.current = callback;
  });
  useEffect(() => {
    if (!socket) return;
    const run = () => latest.current();
    if (socket.connected) run();
    socket.on("connect", run);
    return () => {
      socket.off("connect", run);
    };
  }, [socket]);
}
