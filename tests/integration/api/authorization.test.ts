// Must come first: sets up Next's request-scoped storage before next-auth / next/headers load.
import { inRequestScope, conversationState, recordAll, eventsAbout, socketSuite } from "../../support/scenarios";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { CONVERSATION_NOT_FOUND } from "@/lib/conversations/access";
import * as conversationRoute from "@/app/api/v1/conversations/[id]/route";
import * as pickRoute from "@/app/api/v1/conversations/[id]/pick/route";
import * as acceptRoute from "@/app/api/v1/conversations/[id]/accept/route";
import * as declineRoute from "@/app/api/v1/conversations/[id]/decline/route";
import * as transferRoute from "@/app/api/v1/conversations/[id]/transfer/route";
import * as endRoute from "@/app/api/v1/conversations/[id]/end/route";
import * as readRoute from "@/app/api/v1/conversations/[id]/read/route";
import * as messagesRoute from "@/app/api/v1/conversations/[id]/messages/route";
import * as notesRoute from "@/app/api/v1/conversations/[id]/notes/route";
import * as queuesRoute from "@/app/api/v1/queues/route";
import { createQueue, createUser, sessionCookieFor } from "../../support/factories";
import { contactCenter, customerWrites } from "../../support/conversations";
import { apiTokenFor, callRoute } from "../../support/http";
import { request, sleep } from "../../support/socket-harness";

const sockets = socketSuite();

/** A waiting conversation, an agent of another company, and a colleague who belongs to another queue only. */
async function outsiders() {
  const center = await contactCenter({ agents: 1 });
  const { conversationId, contactId } = await customerWrites(center.company.id, center.address.id);
  const stranger = (await contactCenter({ agents: 1 })).agents[0]!;
  const colleague = await createUser(center.company.id);
  await createQueue(center.company.id, { memberIds: [colleague.id] });
  return { center, conversationId, contactId, stranger, colleague };
}

const endpoints: Array<[string, unknown, "GET" | "POST", (agentId: string) => unknown]> = [
  ["GET conversations/[id]", conversationRoute.GET, "GET", () => undefined],
  ["POST conversations/[id]/pick", pickRoute.POST, "POST", () => undefined],
  ["POST conversations/[id]/accept", acceptRoute.POST, "POST", () => undefined],
  ["POST conversations/[id]/decline", declineRoute.POST, "POST", () => undefined],
  ["POST conversations/[id]/transfer", transferRoute.POST, "POST", (agentId) => ({ toUserId: agentId, note: "over to you" })],
  ["POST conversations/[id]/end", endRoute.POST, "POST", () => undefined],
  ["POST conversations/[id]/read", readRoute.POST, "POST", () => ({ upToSeq: 1 })],
  ["GET conversations/[id]/messages", messagesRoute.GET, "GET", () => undefined],
  ["POST conversations/[id]/messages", messagesRoute.POST, "POST", () => ({ clientMessageId: randomUUID(), body: "hello" })],
  ["GET conversations/[id]/notes", notesRoute.GET, "GET", () => undefined],
  ["POST conversations/[id]/notes", notesRoute.POST, "POST", () => ({ body: "a note" })],
];

describe("ids the caller may not see answer 404 NOT_FOUND", () => {
  it.each(endpoints)("%s: refuses an agent of another company and a same-company agent of another queue, changing nothing", async (_name, handler, method, bodyFor) => {
    const { center, conversationId, stranger, colleague } = await outsiders();
    const before = await conversationState(conversationId);

    for (const caller of [stranger, colleague]) {
      const answer = await callRoute(handler, method, { token: await apiTokenFor(caller.id), params: { id: conversationId }, body: bodyFor(center.agents[0]!.id) });
      expect(answer).toEqual({ status: 404, body: { error: { code: "NOT_FOUND", message: CONVERSATION_NOT_FOUND } } });
    }
    expect(await conversationState(conversationId)).toEqual(before);
  });

  it("the same endpoints do answer the queue's own agent (control)", async () => {
    const { center, conversationId } = await outsiders();
    const token = await apiTokenFor(center.agents[0]!.id);
    expect((await callRoute(conversationRoute.GET, "GET", { token, params: { id: conversationId } })).status).toBe(200);
    expect((await callRoute(messagesRoute.GET, "GET", { token, params: { id: conversationId } })).status).toBe(200);
    expect((await callRoute(pickRoute.POST, "POST", { token, params: { id: conversationId } })).status).toBe(200);
  });

  it("socket conversation:watch answers NOT_FOUND to outsiders, who then hear nothing of the conversation", async () => {
    const { center, conversationId, contactId, stranger, colleague } = await outsiders();
    const member = await sockets.agent(center.agents[0]!);
    const memberEvents = recordAll(member);
    const outsiderEvents = [];

    for (const caller of [stranger, colleague]) {
      const socket = await sockets.agent(caller);
      expect(await request(socket, "conversation:watch", { conversationId })).toEqual({ ok: false, error: { code: "NOT_FOUND", message: CONVERSATION_NOT_FOUND } });
      outsiderEvents.push(recordAll(socket));
    }
    expect(await request(member, "conversation:watch", { conversationId })).toEqual({ ok: true, data: { lastSeq: 1 } });

    await customerWrites(center.company.id, center.address.id, "Still waiting...", contactId);
    await sleep(300);
    expect(eventsAbout(memberEvents, "message:created", conversationId)).toHaveLength(1);
    for (const events of outsiderEvents) expect(eventsAbout(events, "message:created", conversationId)).toEqual([]);
  });
});

describe("authentication and roles", () => {
  it("a request without any credentials gets 401 UNAUTHENTICATED; the same request with a session cookie is answered", async () => {
    const { center, conversationId } = await outsiders();
    const call = () => callRoute(conversationRoute.GET, "GET", { params: { id: conversationId } });

    expect(await inRequestScope(null, call)).toMatchObject({ status: 401, body: { error: { code: "UNAUTHENTICATED" } } });
    expect((await inRequestScope(await sessionCookieFor(center.agents[0]!), call)).status).toBe(200);
  });

  it("an unknown or revoked API token gets 401 UNAUTHENTICATED", async () => {
    const { center, conversationId } = await outsiders();
    const revoked = await apiTokenFor(center.agents[0]!.id);
    await db.apiToken.updateMany({ where: { userId: center.agents[0]!.id }, data: { revokedAt: new Date() } });

    for (const token of ["plt_not-a-real-token", revoked]) {
      const answer = await callRoute(conversationRoute.GET, "GET", { token, params: { id: conversationId } });
      expect(answer).toMatchObject({ status: 401, body: { error: { code: "UNAUTHENTICATED" } } });
    }
  });

  it("an agent calling the supervisor-only GET /api/v1/queues gets 403 FORBIDDEN; a supervisor gets the list", async () => {
    const { center } = await outsiders();
    const supervisor = await createUser(center.company.id, { role: "SUPERVISOR" });

    const asAgent = await callRoute(queuesRoute.GET, "GET", { token: await apiTokenFor(center.agents[0]!.id) });
    expect(asAgent).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    const asSupervisor = await callRoute(queuesRoute.GET, "GET", { token: await apiTokenFor(supervisor.id) });
    expect(asSupervisor.status).toBe(200);
    expect(JSON.stringify(asSupervisor.body)).toContain(center.queue.id);
  });
});
