import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { MAX_MESSAGE_LENGTH } from "@/lib/messages/limits";
import { issueCustomerToken } from "@/lib/webchat/customer-token";
import * as messagesRoute from "@/app/api/v1/conversations/[id]/messages/route";
import * as transferRoute from "@/app/api/v1/conversations/[id]/transfer/route";
import * as webchatSessionRoute from "@/app/api/webchat/[entry]/session/route";
import * as webchatMessagesRoute from "@/app/api/webchat/[entry]/messages/route";
import { createAddress, createQueue, createUser } from "../../support/factories";
import { contactCenter, createContact } from "../../support/conversations";
import { apiTokenFor, callRoute } from "../../support/http";
import { conversationState, pickedConversation } from "../../support/scenarios";

type ErrorAnswer = { error: { code: string; message: string; fields?: Array<{ path: string; message: string }> } };

/** A conversation picked by the first agent, that agent's token, and a way to send to the messages route. */
async function pickedWithToken() {
  const center = await contactCenter({ agents: 2 });
  const { conversationId } = await pickedConversation(center, 0);
  const token = await apiTokenFor(center.agents[0]!.id);
  const send = (options: { body?: unknown; rawBody?: string; id?: string }) =>
    callRoute<ErrorAnswer>(messagesRoute.POST, "POST", { token, params: { id: options.id ?? conversationId }, body: options.body, rawBody: options.rawBody });
  return { center, conversationId, token, send, before: await conversationState(conversationId) };
}

describe("agent API: bad input is refused and changes nothing", () => {
  it("an empty or blank message is 422 VALIDATION on the body field", async () => {
    const { conversationId, send, before } = await pickedWithToken();
    for (const body of ["", "   \n  "]) {
      const answer = await send({ body: { clientMessageId: randomUUID(), body } });
      expect(answer.status).toBe(422);
      expect(answer.body.error).toMatchObject({ code: "VALIDATION", fields: [{ path: "body", message: "Write a message before sending." }] });
    }
    expect(await conversationState(conversationId)).toEqual(before);
  });

  it("a 100 KB message is 422 VALIDATION with a message naming the limit", async () => {
    const { conversationId, send, before } = await pickedWithToken();
    const answer = await send({ body: { clientMessageId: randomUUID(), body: "x".repeat(100 * 1024) } });
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe("VALIDATION");
    expect(answer.body.error.message).toContain(`at most ${MAX_MESSAGE_LENGTH} characters`);
    expect(await conversationState(conversationId)).toEqual(before);
  });

  it("an unknown conversation id is 404 NOT_FOUND and stores nothing", async () => {
    const { send } = await pickedWithToken();
    const clientMessageId = randomUUID();
    const answer = await send({ id: "c-does-not-exist", body: { clientMessageId, body: "hello?" } });
    expect(answer).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
    expect(await db.message.count({ where: { clientMessageId } })).toBe(0);
  });

  it("malformed JSON is 400 BAD_REQUEST", async () => {
    const { conversationId, send, before } = await pickedWithToken();
    const answer = await send({ rawBody: "{not json" });
    expect(answer).toEqual({ status: 400, body: { error: { code: "BAD_REQUEST", message: "The request body is not valid JSON." } } });
    expect(await conversationState(conversationId)).toEqual(before);
  });

  it("a message without clientMessageId is 422 VALIDATION on that field", async () => {
    const { conversationId, send, before } = await pickedWithToken();
    const answer = await send({ body: { body: "Where is my parcel?" } });
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe("VALIDATION");
    expect(answer.body.error.fields?.map((f) => f.path)).toEqual(["clientMessageId"]);
    expect(await conversationState(conversationId)).toEqual(before);
  });

  it("a transfer naming both an agent and a queue is 422 VALIDATION, and the conversation stays with its agent", async () => {
    const { center, conversationId, token, before } = await pickedWithToken();
    const otherQueue = await createQueue(center.company.id, { memberIds: [center.agents[1]!.id] });
    const answer = await callRoute<ErrorAnswer>(transferRoute.POST, "POST", {
      token,
      params: { id: conversationId },
      body: { toUserId: center.agents[1]!.id, toQueueId: otherQueue.id, note: "either" },
    });
    expect(answer.status).toBe(422);
    expect(answer.body.error).toMatchObject({ code: "VALIDATION", message: expect.stringContaining("Choose either an agent or a queue") });
    expect(await conversationState(conversationId)).toEqual(before);
    expect(before).toMatchObject({ status: "ACTIVE", assigneeId: center.agents[0]!.id, queueId: center.queue.id });
  });
});

describe("web chat: bad input and bad tokens are refused and change nothing", () => {
  it("starting a session with an empty name is 422 VALIDATION and creates no contact", async () => {
    const center = await contactCenter({ agents: 1 });
    const contactsBefore = await db.contact.count({ where: { companyId: center.company.id } });
    for (const name of ["", "   "]) {
      const answer = await callRoute<ErrorAnswer>(webchatSessionRoute.POST, "POST", { params: { entry: center.address.address }, body: { name } });
      expect(answer.status).toBe(422);
      expect(answer.body.error).toMatchObject({ code: "VALIDATION", fields: [{ path: "name", message: "Tell us your name." }] });
    }
    expect(await db.contact.count({ where: { companyId: center.company.id } })).toBe(contactsBefore);
    // Control: a name is enough to start.
    const started = await callRoute(webchatSessionRoute.POST, "POST", { params: { entry: center.address.address }, body: { name: "Dana" } });
    expect(started.status).toBe(201);
  });

  it("sending a customer message without a token, or with a token of another entry point, is 401 and opens no conversation", async () => {
    const center = await contactCenter({ agents: 1 });
    const otherEntry = await createAddress(center.company.id, (await createQueue(center.company.id, { memberIds: [(await createUser(center.company.id)).id] })).id);
    const contact = await createContact(center.company.id);
    const tokenForOtherEntry = issueCustomerToken({ contactId: contact.id, addressId: otherEntry.id });
    const send = (token?: string) =>
      callRoute<ErrorAnswer>(webchatMessagesRoute.POST, "POST", { token, params: { entry: center.address.address }, body: { clientMessageId: randomUUID(), body: "Hi there" } });

    for (const token of [undefined, tokenForOtherEntry]) {
      expect(await send(token)).toMatchObject({ status: 401, body: { error: { code: "UNAUTHENTICATED" } } });
    }
    expect(await db.conversation.count({ where: { contactId: contact.id } })).toBe(0);
    expect(await db.conversation.count({ where: { companyId: center.company.id } })).toBe(0);
    // Control: the right token for this entry point is accepted.
    expect((await send(issueCustomerToken({ contactId: contact.id, addressId: center.address.id }))).status).toBe(201);
  });
});
