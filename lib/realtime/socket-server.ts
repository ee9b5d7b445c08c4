/**
 * The socket.io server, attached to the same HTTP server as Next.js.
 * Agents authenticate with the next-auth session cookie (or an API token in
 * the handshake); customers with their signed web-chat token, in their own
 * namespace. Every connection joins only the rooms it may hear.
 */
import type { Server as HttpServer } from "node:http";
import { Server, type Namespace, type Socket } from "socket.io";
import { createAdapter } from "@socket.io/redis-adapter";
import { z } from "zod";
import { db } from "../db";
import { createRedis } from "../redis";
import { principalFromApiToken } from "../auth/api-tokens";
import { principalFromCookieHeader } from "../auth/session-token";
import { hasRole, type Principal } from "../auth/principal";
import { handleRequest } from "./ack";
import { broadcastThrough, SOCKET_IO_REDIS_KEY } from "./emitter";
import { verifyCustomerToken } from "../webchat/customer-token";
import { CUSTOMER_NAMESPACE, rooms, type AgentClientToServer, type AgentServerToClient, type CustomerClientToServer, type CustomerServerToClient } from "./events";
import { markSocketOffline, markSocketOnline } from "./presence";

export interface AgentSocketData {
  principal: Principal;
}

export type AgentSocket = Socket<AgentClientToServer, AgentServerToClient, Record<string, never>, AgentSocketData>;
export type AgentRequestHandlers = (socket: AgentSocket) => void;

export interface CustomerSocketData {
  /** Kept so each request can check it again (it may expire while the socket is open). */
  customerToken: string;
}

export type CustomerSocket = Socket<CustomerClientToServer, CustomerServerToClient, Record<string, never>, CustomerSocketData>;
export type CustomerRequestHandlers = (socket: CustomerSocket) => void;

const registrations: AgentRequestHandlers[] = [];
const customerRegistrations: CustomerRequestHandlers[] = [];

/** Domain areas register their socket request handlers here (see lib/realtime/handlers). */
export function registerAgentHandlers(register: AgentRequestHandlers): void {
  registrations.push(register);
}

export function registerCustomerHandlers(register: CustomerRequestHandlers): void {
  customerRegistrations.push(register);
}

export function createSocketServer(httpServer: HttpServer): { io: Server; close: () => Promise<void> } {
  // Events published in the same tick (a message's agent and customer events) leave in one write.
  const pub = createRedis({ enableAutoPipelining: true });
  const sub = createRedis();
  const io = new Server<AgentClientToServer, AgentServerToClient, Record<string, never>, AgentSocketData>(httpServer, {
    adapter: createAdapter(pub, sub, { key: SOCKET_IO_REDIS_KEY }),
    serveClient: false,
    connectionStateRecovery: undefined,
  });

  io.use(async (socket, next) => {
    try {
      const token = typeof socket.handshake.auth?.token === "string" ? socket.handshake.auth.token : undefined;
      const principal = token ? await principalFromApiToken(token) : await principalFromCookieHeader(socket.handshake.headers.cookie);
      if (!principal) return next(new Error("UNAUTHENTICATED"));
      socket.data.principal = principal;
      next();
    } catch {
      next(new Error("UNAVAILABLE"));
    }
  });

  io.on("connection", async (socket) => {
    const { principal } = socket.data;
    // Handlers first, so a request sent right after connecting is never missed.
    socket.on(
      "session:whoami",
      handleRequest(z.object({}), async () => ({ userId: principal.userId, companyId: principal.companyId, role: principal.role })),
    );
    for (const register of registrations) register(socket);

    const memberships = await db.queueMember.findMany({ where: { userId: principal.userId }, select: { queueId: true } });
    await socket.join([
      rooms.user(principal.userId),
      rooms.company(principal.companyId),
      ...(hasRole(principal, "SUPERVISOR") ? [rooms.supervisors(principal.companyId)] : []),
      ...memberships.map((m) => rooms.queue(m.queueId)),
      ...(principal.apiTokenId ? [rooms.apiToken(principal.apiTokenId)] : []),
    ]);

    await markSocketOnline(principal, socket.id);
    socket.on("disconnect", () => {
      void markSocketOffline(principal, socket.id);
    });
  });

  // Customers (web chat) listen in their own namespace, only to their own room.
  const customers = io.of(CUSTOMER_NAMESPACE) as unknown as Namespace<CustomerClientToServer, CustomerServerToClient, Record<string, never>, CustomerSocketData>;
  customers.use((socket, next) => {
    const token = typeof socket.handshake.auth?.customerToken === "string" ? socket.handshake.auth.customerToken : null;
    const claims = verifyCustomerToken(token);
    if (!claims || !token) return next(new Error("UNAUTHENTICATED"));
    socket.data.customerToken = token;
    void socket.join(rooms.customer(claims.contactId));
    next();
  });
  customers.on("connection", (socket) => {
    for (const register of customerRegistrations) register(socket);
  });

  const stopBroadcasting = broadcastThrough(io as unknown as Server);
  return {
    io,
    close: async () => {
      stopBroadcasting();
      await io.close();
      pub.disconnect();
      sub.disconnect();
    },
  };
}
