/**
 * The clients of a run, created through the public interfaces only: web-chat
 * customers (HTTP session + first message, then a socket in /customer) and
 * agents (API token over HTTP and socket.io), each conversation picked by
 * one agent through the API.
 */
import { randomUUID } from "node:crypto";
import { io as connect, type Socket } from "socket.io-client";
import type { Agent } from "./fixtures";
import { WEBCHAT_ENTRY } from "./fixtures";
import { request } from "./http";
import { WEB_URL } from "./stack";
import { pool, waitFor } from "./stats";

export interface AgentClient extends Agent {
  socket: Socket;
  conversationIds: string[];
}

export interface Customer {
  token: string;
  conversationId: string;
  agent: AgentClient;
  socket: Socket;
}

export interface World {
  agents: AgentClient[];
  customers: Customer[];
  /** conversation id -> customer */
  byConversation: Map<string, Customer>;
}

export function connectAgent(token: string): Socket {
  // socket.io-client's default reconnection settings, as the console uses them.
  return connect(WEB_URL, { transports: ["websocket"], forceNew: true, auth: { token } });
}

export function connectCustomer(customerToken: string): Socket {
  return connect(`${WEB_URL}/customer`, { transports: ["websocket"], forceNew: true, auth: { customerToken } });
}

export async function whenConnected(sockets: Socket[], timeoutMs = 30_000): Promise<void> {
  const ok = await waitFor(() => sockets.every((s) => s.connected), timeoutMs);
  if (!ok) throw new Error(`${sockets.filter((s) => !s.connected).length} of ${sockets.length} sockets did not connect`);
}

export function expectStatus(answer: { status: number; body: unknown }, status: number, what: string): void {
  if (answer.status !== status) throw new Error(`${what}: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
}

/** Opens `conversations` web chats, spreads them over the agents by picking, and connects everyone. */
export async function buildWorld(agents: Agent[], conversations: number): Promise<World> {
  const clients: AgentClient[] = agents.map((agent) => ({ ...agent, socket: connectAgent(agent.token), conversationIds: [] }));
  await whenConnected(clients.map((c) => c.socket));
  const customers: Customer[] = new Array(conversations);
  await pool(conversations, 16, async (i) => {
    const session = await request<{ token: string }>("POST", `/api/webchat/${WEBCHAT_ENTRY}/session`, { body: { name: `Customer ${i}` } });
    expectStatus(session, 201, "webchat session");
    const first = await request<{ conversationId: string }>("POST", `/api/webchat/${WEBCHAT_ENTRY}/messages`, {
      token: session.body.token,
      body: { clientMessageId: randomUUID(), body: `Hello, I am customer ${i}` },
    });
    expectStatus(first, 201, "first webchat message");
    const agent = clients[i % clients.length]!;
    const picked = await request("POST", `/api/v1/conversations/${first.body.conversationId}/pick`, { token: agent.token });
    expectStatus(picked, 200, "pick");
    agent.conversationIds.push(first.body.conversationId);
    customers[i] = { token: session.body.token, conversationId: first.body.conversationId, agent, socket: connectCustomer(session.body.token) };
  });
  await whenConnected(customers.map((c) => c.socket));
  return { agents: clients, customers, byConversation: new Map(customers.map((c) => [c.conversationId, c])) };
}

export function closeWorld(world: World): void {
  for (const c of world.customers) c.socket.disconnect();
  for (const a of world.agents) a.socket.disconnect();
}
