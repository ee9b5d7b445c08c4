/**
 * Shared scenario helpers for the integration tests: a socket server per test
 * file with tracked clients (agents and web-chat customers), presence waits,
 * "every event a socket received" recorders, conversations in a given state,
 * and a Next.js request scope for route handlers that read the session cookie.
 */
// Next's request-scoped storage needs a real AsyncLocalStorage, as Next's own server sets up.
import "next/dist/server/node-environment-baseline.js";
import { afterAll, beforeAll, vi } from "vitest";
import type { Socket } from "socket.io-client";
import { workAsyncStorage } from "next/dist/server/app-render/work-async-storage.external.js";
import { workUnitAsyncStorage } from "next/dist/server/app-render/work-unit-async-storage.external.js";
import { RequestCookies } from "next/dist/server/web/spec-extension/cookies.js";
import { db } from "@/lib/db";
import { onlineUserIds } from "@/lib/realtime/presence";
import { queue } from "@/lib/queue/queues";
import { pickConversation } from "@/lib/conversations/pick-conversation";
import { endConversation } from "@/lib/conversations/end-conversation";
import { issueCustomerToken } from "@/lib/webchat/customer-token";
import type { Role } from "@/lib/generated/prisma/enums";
import { sessionCookieFor } from "./factories";
import { customerWrites, type contactCenter } from "./conversations";
import { connectClient, connected, startSocketServer, type SocketHarness } from "./socket-harness";

type Center = Awaited<ReturnType<typeof contactCenter>>;
type SessionUser = { id: string; name: string; email: string; companyId: string; role: Role };

/** Starts a socket server for the calling test file; every client it hands out is closed afterwards. */
export function socketSuite() {
  let harness: SocketHarness | undefined;
  const open: Socket[] = [];
  beforeAll(async () => {
    harness = await startSocketServer();
  });
  afterAll(async () => {
    open.forEach((socket) => socket.disconnect());
    await harness?.close();
  });
  const track = (socket: Socket) => (open.push(socket), socket);
  return {
    url: () => harness!.url,
    /** A console client signed in as the user (session cookie), connected. */
    agent: async (user: SessionUser) => connected(track(connectClient(harness!.url, { cookie: await sessionCookieFor(user) }))),
    /** A web-chat customer's page for that contact at that entry point, connected and in its room. */
    customer: async (claims: { contactId: string; addressId: string }) => {
      const socket = await connected(track(connectClient(harness!.url, { namespace: "/customer", auth: { customerToken: issueCustomerToken(claims) } })));
      await new Promise((resolve) => setTimeout(resolve, 100));
      return socket;
    },
  };
}

/** Waits until presence (Redis) says every user is online, i.e. their socket finished connecting. */
export async function waitUntilOnline(userIds: string[]): Promise<void> {
  await vi.waitFor(
    async () => {
      const online = await onlineUserIds(userIds);
      if (online.size !== userIds.length) throw new Error(`only ${online.size} of ${userIds.length} users online`);
    },
    { timeout: 3000, interval: 25 },
  );
}

export interface ReceivedEvent {
  event: string;
  payload: unknown;
}

/** Records every event a socket receives, whatever its name. */
export function recordAll(socket: Socket): ReceivedEvent[] {
  const received: ReceivedEvent[] = [];
  socket.onAny((event: string, payload: unknown) => received.push({ event, payload }));
  return received;
}

/** The payloads of one event that mention a conversation id anywhere. */
export function eventsAbout(received: ReceivedEvent[], event: string, conversationId: string): unknown[] {
  return received.filter((r) => r.event === event && JSON.stringify(r.payload).includes(conversationId)).map((r) => r.payload);
}

/** Waits until at least one such event has arrived, and returns the first. */
export async function waitForEvent<T = unknown>(received: ReceivedEvent[], event: string, conversationId: string, timeout = 3000): Promise<T> {
  return vi.waitFor(
    () => {
      const [first] = eventsAbout(received, event, conversationId);
      if (!first) throw new Error(`no ${event} about ${conversationId} yet`);
      return first as T;
    },
    { timeout, interval: 20 },
  );
}

/** A customer writes in and the given agent picks the conversation. */
export async function pickedConversation(center: Center, agentIndex = 0, body?: string) {
  const written = await customerWrites(center.company.id, center.address.id, body);
  await pickConversation({ principal: center.principals[agentIndex]!, conversationId: written.conversationId });
  return written;
}

/** A conversation the agent picked and then ended. */
export async function endedConversation(center: Center, agentIndex = 0) {
  const written = await pickedConversation(center, agentIndex);
  await endConversation({ principal: center.principals[agentIndex]!, conversationId: written.conversationId });
  return written;
}

/** Removes the offer-timeout jobs of a conversation's offers, so no later worker run acts on test data. */
export async function removeOfferJobs(conversationId: string): Promise<void> {
  const offers = await db.conversationEvent.findMany({ where: { conversationId, type: "OFFERED" }, select: { id: true } });
  for (const offer of offers) await (await queue("conversation-timers").getJob(`offer-${offer.id}`))?.remove();
}

/** A snapshot of everything a failed request must leave untouched. */
export async function conversationState(conversationId: string) {
  const conversation = await db.conversation.findUniqueOrThrow({
    where: { id: conversationId },
    select: { status: true, assigneeId: true, queueId: true, lastSeq: true, offeredToId: true, endedAt: true },
  });
  const [messages, notes, events, readStates] = await Promise.all([
    db.message.count({ where: { conversationId } }),
    db.note.count({ where: { conversationId } }),
    db.conversationEvent.findMany({ where: { conversationId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { type: true } }),
    db.conversationReadState.count({ where: { conversationId } }),
  ]);
  return { ...conversation, messages, notes, events: events.map((e) => e.type), readStates };
}

/**
 * Runs a route handler inside a Next.js request scope with the given Cookie
 * header, the way Next.js runs it, so next-auth's getServerSession (which
 * reads `headers()` / `cookies()`) resolves the session as in production.
 */
export function inRequestScope<T>(cookieHeader: string | null, run: () => Promise<T>): Promise<T> {
  const headers = new Headers(cookieHeader ? { cookie: cookieHeader } : {});
  const workStore = { route: "/api/test", forceStatic: false, dynamicShouldError: false };
  const cookies = new RequestCookies(headers);
  const requestStore = { type: "request", phase: "action", headers, cookies, mutableCookies: cookies, userspaceMutableCookies: cookies };
  return workAsyncStorage.run(workStore as never, () => workUnitAsyncStorage.run(requestStore as never, run));
}
