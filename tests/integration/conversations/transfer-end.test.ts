import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listActiveConversations } from "@/lib/conversations/list-active-conversations";
import { listPicklist } from "@/lib/conversations/list-picklist";
import { historyQuerySchema, listHistory } from "@/lib/conversations/list-history";
import { listNotes } from "@/lib/notes/list-notes";
import { receiveCustomerMessage } from "@/lib/messages/receive-customer-message";
import { POST as transferRoute } from "@/app/api/v1/conversations/[id]/transfer/route";
import { POST as endRoute } from "@/app/api/v1/conversations/[id]/end/route";
import { createQueue, createUser, uniqueSuffix } from "../../support/factories";
import { contactCenter, customerWrites, principalOf } from "../../support/conversations";
import { apiTokenFor, callRoute } from "../../support/http";
import { conversationState, endedConversation, pickedConversation, recordAll, socketSuite, waitForEvent, waitUntilOnline } from "../../support/scenarios";

const sockets = socketSuite();

describe("transfer", () => {
  it("to another agent: leaves A's list, lands in B's, logs TRANSFERRED with the note as an internal note, and tells both clients", async () => {
    const center = await contactCenter({ agents: 2 });
    const [a, b] = [center.agents[0]!, center.agents[1]!];
    const aEvents = recordAll(await sockets.agent(a));
    const bEvents = recordAll(await sockets.agent(b));
    await waitUntilOnline([a.id, b.id]);
    const { conversationId } = await pickedConversation(center, 0);
    const note = `Wants a refund for order ${uniqueSuffix()}`;

    const answer = await callRoute(transferRoute, "POST", { token: await apiTokenFor(a.id), params: { id: conversationId }, body: { toUserId: b.id, note } });
    expect(answer).toEqual({ status: 200, body: { ok: true } });

    expect((await listActiveConversations({ principal: principalOf(a) })).map((c) => c.id)).not.toContain(conversationId);
    expect((await listActiveConversations({ principal: principalOf(b) })).map((c) => c.id)).toEqual([conversationId]);
    const event = await db.conversationEvent.findFirstOrThrow({ where: { conversationId, type: "TRANSFERRED" } });
    expect(event).toMatchObject({ actorId: a.id, targetUserId: b.id, targetQueueId: null, note });
    expect((await listNotes({ principal: principalOf(b), conversationId })).map((n) => ({ body: n.body, authorId: n.authorId }))).toEqual([
      { body: `Transferred to ${b.name}: ${note}`, authorId: a.id },
    ]);
    expect(await waitForEvent(bEvents, "conversation:assigned", conversationId)).toMatchObject({ userId: b.id, conversation: { id: conversationId, assigneeId: b.id } });
    expect(await waitForEvent(aEvents, "conversation:unassigned", conversationId)).toEqual({ userId: a.id, conversationId, reason: "transferred" });
  });

  it("to a queue: waits in that queue's picklist, and that queue's members are told", async () => {
    const center = await contactCenter({ agents: 1 });
    const a = center.agents[0]!;
    const member = await createUser(center.company.id);
    const billing = await createQueue(center.company.id, { memberIds: [member.id] });
    const memberEvents = recordAll(await sockets.agent(member));
    await waitUntilOnline([member.id]);
    const { conversationId } = await pickedConversation(center, 0);

    const answer = await callRoute(transferRoute, "POST", { token: await apiTokenFor(a.id), params: { id: conversationId }, body: { toQueueId: billing.id } });
    expect(answer.status).toBe(200);

    expect(await db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({ status: "WAITING", queueId: billing.id, assigneeId: null });
    expect(await db.conversationEvent.findFirst({ where: { conversationId, type: "TRANSFERRED" } })).toMatchObject({ actorId: a.id, targetQueueId: billing.id, targetUserId: null, note: null });
    expect((await listPicklist({ principal: principalOf(member) })).map((i) => i.id)).toEqual([conversationId]);
    expect((await listPicklist({ principal: principalOf(a) })).map((i) => i.id)).not.toContain(conversationId);
    expect(await listActiveConversations({ principal: principalOf(a) })).toEqual([]);
    expect(await waitForEvent(memberEvents, "picklist:added", conversationId)).toMatchObject({ item: { id: conversationId, queueId: billing.id } });
  });
});

describe("transfer and end need the conversation picked by the caller", () => {
  it("answers 409 CONFLICT to a colleague for a conversation someone else picked, and to anyone for a waiting one, changing nothing", async () => {
    const center = await contactCenter({ agents: 2 });
    const [a, b] = [center.agents[0]!, center.agents[1]!];
    const picked = await pickedConversation(center, 0);
    const waiting = await customerWrites(center.company.id, center.address.id);
    const before = { picked: await conversationState(picked.conversationId), waiting: await conversationState(waiting.conversationId) };
    const attempts = [
      { token: await apiTokenFor(b.id), conversationId: picked.conversationId, transferTo: a.id },
      { token: await apiTokenFor(a.id), conversationId: waiting.conversationId, transferTo: b.id },
    ];

    for (const { token, conversationId, transferTo } of attempts) {
      const transfer = await callRoute(transferRoute, "POST", { token, params: { id: conversationId }, body: { toUserId: transferTo } });
      const end = await callRoute(endRoute, "POST", { token, params: { id: conversationId } });
      for (const answer of [transfer, end]) {
        expect(answer).toEqual({ status: 409, body: { error: { code: "CONFLICT", message: "Only the agent who picked this conversation can do that. Pick it first." } } });
      }
    }
    expect(await conversationState(picked.conversationId)).toEqual(before.picked);
    expect(await conversationState(waiting.conversationId)).toEqual(before.waiting);
  });
});

describe("end", () => {
  it("ends the chat: ENDED with an event, a SYSTEM closing message, and the customer's page gets the closing message and conversation:ended", async () => {
    const center = await contactCenter({ agents: 1 });
    const a = center.agents[0]!;
    const { conversationId, contactId } = await pickedConversation(center, 0);
    const customerEvents = recordAll(await sockets.customer({ contactId, addressId: center.address.id }));

    const answer = await callRoute<{ endedAt: string }>(endRoute, "POST", { token: await apiTokenFor(a.id), params: { id: conversationId } });
    expect(answer.status).toBe(200);

    const conversation = await db.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(conversation).toMatchObject({ status: "ENDED", assigneeId: a.id, lastSeq: 2 });
    expect(conversation.endedAt?.toISOString()).toBe(answer.body.endedAt);
    expect(await db.conversationEvent.findFirst({ where: { conversationId, type: "ENDED" } })).toMatchObject({ actorId: a.id });
    const closingBody = `This chat has ended. Thank you for contacting ${center.company.name}.`;
    expect(await db.message.findFirst({ where: { conversationId, seq: 2 } })).toMatchObject({ direction: "SYSTEM", body: closingBody, authorUserId: null });

    expect(await waitForEvent(customerEvents, "message:created", conversationId)).toMatchObject({ conversationId, message: { seq: 2, direction: "SYSTEM", body: closingBody } });
    expect(await waitForEvent(customerEvents, "conversation:ended", conversationId)).toEqual({ conversationId });
    expect(customerEvents.map((e) => e.event)).toEqual(["message:created", "conversation:ended"]);
  });

  it("after the end, the same customer's next message starts a new waiting conversation", async () => {
    const center = await contactCenter({ agents: 1 });
    const ended = await endedConversation(center, 0);

    const next = await receiveCustomerMessage({ contactId: ended.contactId, channelAddressId: center.address.id, body: "One more question" });

    expect(next.conversationId).not.toBe(ended.conversationId);
    expect(next.message.seq).toBe(1);
    expect(await db.conversation.findUniqueOrThrow({ where: { id: next.conversationId } })).toMatchObject({ status: "WAITING", contactId: ended.contactId, assigneeId: null });
    expect(await db.conversation.findUniqueOrThrow({ where: { id: ended.conversationId } })).toMatchObject({ status: "ENDED", lastSeq: 2 });
    expect((await listPicklist({ principal: center.principals[0]! })).map((i) => i.id)).toEqual([next.conversationId]);
  });
});

describe("history", () => {
  it("lists the agent's ended conversations newest first and pages with a cursor", async () => {
    const center = await contactCenter({ agents: 2 });
    const [first, second, third] = [await endedConversation(center, 0), await endedConversation(center, 0), await endedConversation(center, 0)];
    await pickedConversation(center, 0); // still active: not history
    await endedConversation(center, 1); // handled by someone else: not this agent's history
    const principal = center.principals[0]!;

    const page1 = await listHistory({ principal, query: historyQuerySchema.parse({ limit: "2" }) });
    expect(page1.items.map((i) => i.id)).toEqual([third!.conversationId, second!.conversationId]);
    expect(page1.items.every((i) => i.status === "ENDED" && i.endedAt !== null)).toBe(true);
    expect(page1.nextCursor).toEqual(expect.any(String));

    const page2 = await listHistory({ principal, query: historyQuerySchema.parse({ limit: "2", cursor: page1.nextCursor }) });
    expect(page2).toMatchObject({ items: [{ id: first!.conversationId }], nextCursor: null });
    expect(page2.items).toHaveLength(1);
  });
});
