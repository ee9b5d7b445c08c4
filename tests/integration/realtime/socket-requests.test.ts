/**
 * Sending and picking over the open socket: the same domain rules as the
 * HTTP API (one winner, typed refusals, resends stored once, validation),
 * answered through the ack, with the same live events.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { pickConversation } from "@/lib/conversations/pick-conversation";
import { sendAgentMessage } from "@/lib/messages/send-agent-message";
import { createApiToken, revokeApiToken } from "@/lib/users/api-token-admin";
import { createUser } from "../../support/factories";
import { contactCenter, createContact, customerWrites } from "../../support/conversations";
import { pickedConversation, socketSuite } from "../../support/scenarios";
import { collect, connectClient, connected, nextEvent, request, sleep } from "../../support/socket-harness";

const sockets = socketSuite();

describe("conversation:pick over the socket", () => {
  it("10 agents pick one conversation at once: one winner, the others are told who won", async () => {
    const center = await contactCenter({ agents: 10 });
    const { conversationId } = await customerWrites(center.company.id, center.address.id);
    const clients = await Promise.all(center.agents.map((agent) => sockets.agent(agent)));

    const answers = await Promise.all(clients.map((socket) => request<{ conversation: { id: string; assigneeId: string } }>(socket, "conversation:pick", { conversationId })));
    const winners = answers.filter((answer) => answer.ok);
    expect(winners).toHaveLength(1);
    const conversation = await db.conversation.findUniqueOrThrow({ where: { id: conversationId }, include: { assignee: true } });
    expect(winners[0]!.data!.conversation).toMatchObject({ id: conversationId });
    expect(conversation.status).toBe("ACTIVE");
    for (const answer of answers.filter((a) => !a.ok)) {
      expect(answer.error).toEqual({ code: "CONFLICT", message: `Already picked by ${conversation.assignee!.name}.` });
    }
    expect(await db.conversationEvent.count({ where: { conversationId, type: "PICKED" } })).toBe(1);
  });

  it("in a race, each winner's picklist loses the card before the pick is answered, so the next pick never aims at it", async () => {
    const center = await contactCenter({ agents: 8 });
    const written = await Promise.all(Array.from({ length: 8 }, (_, i) => customerWrites(center.company.id, center.address.id, `Question ${i}`)));
    const clients = await Promise.all(center.agents.map((agent) => sockets.agent(agent)));
    // What each agent's socket has heard leave the picklist at the moment its pick is answered.
    const gone = clients.map((socket) => {
      const ids = new Set<string>();
      socket.on("picklist:removed", (event: { removed: Array<{ conversationId: string }> }) => event.removed.forEach((r) => ids.add(r.conversationId)));
      return ids;
    });

    // Each agent picks a different card, all at once: the first pick runs alone, the other seven share the next statement.
    const answers = await Promise.all(
      clients.map(
        (socket, i) =>
          new Promise<{ ok: boolean; heardGone: string[] }>((resolve) => {
            // Read in the ack callback itself, as the answer is decoded: an event sent after it is not heard yet.
            socket.emit("conversation:pick", { conversationId: written[i]!.conversationId }, (answer: { ok: boolean }) => resolve({ ok: answer.ok, heardGone: [...gone[i]!] }));
          }),
      ),
    );
    for (const [i, answer] of answers.entries()) {
      expect(answer.ok).toBe(true);
      expect(answer.heardGone).toContain(written[i]!.conversationId);
    }
  });

  it("refuses another company's conversation as not found and a malformed request as invalid", async () => {
    const center = await contactCenter({ agents: 1 });
    const other = await contactCenter({ agents: 1 });
    const { conversationId } = await customerWrites(center.company.id, center.address.id);
    const stranger = await sockets.agent(other.agents[0]!);

    expect(await request(stranger, "conversation:pick", { conversationId })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await request(stranger, "conversation:pick", { conversationId: 42 })).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    expect((await db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).status).toBe("WAITING");
  });
});

describe("message:send over the socket", () => {
  it("an agent's message is stored once per clientMessageId and reaches the customer live", async () => {
    const center = await contactCenter({ agents: 1 });
    const { conversationId, contactId } = await pickedConversation(center);
    const agent = await sockets.agent(center.agents[0]!);
    const customer = await sockets.customer({ contactId, addressId: center.address.id });

    const live = nextEvent<{ conversationId: string; message: { body: string; seq: number } }>(customer, "message:created");
    const clientMessageId = randomUUID();
    const [first, again] = await Promise.all([
      request<{ message: { id: string; seq: number } }>(agent, "message:send", { conversationId, clientMessageId, body: "Your order ships today." }),
      request<{ message: { id: string; seq: number } }>(agent, "message:send", { conversationId, clientMessageId, body: "Your order ships today." }),
    ]);
    expect(first.ok && again.ok).toBe(true);
    expect(again.data!.message.id).toBe(first.data!.message.id);
    expect(await live).toMatchObject({ conversationId, message: { body: "Your order ships today.", seq: first.data!.message.seq } });
    expect(await db.message.count({ where: { conversationId, clientMessageId } })).toBe(1);
  });

  it("refuses an empty message, and a conversation that is not yours, with nothing stored", async () => {
    const center = await contactCenter({ agents: 2 });
    const { conversationId } = await pickedConversation(center, 0);
    const owner = await sockets.agent(center.agents[0]!);
    const colleague = await sockets.agent(center.agents[1]!);
    const before = await db.message.count({ where: { conversationId } });

    expect(await request(owner, "message:send", { conversationId, clientMessageId: randomUUID(), body: "  " })).toEqual({
      ok: false,
      error: expect.objectContaining({ code: "VALIDATION", message: expect.stringContaining("Write a message before sending.") }),
    });
    expect(await request(colleague, "message:send", { conversationId, clientMessageId: randomUUID(), body: "Hi" })).toEqual({ ok: false, error: expect.objectContaining({ code: "CONFLICT", message: "Only the agent who picked this conversation can do that. Pick it first." }) });
    expect(await db.message.count({ where: { conversationId } })).toBe(before);
  });

  it("a web-chat customer's message opens a conversation in the queue, then goes to the assigned agent live", async () => {
    const center = await contactCenter({ agents: 1 });
    const contact = await createContact(center.company.id);
    const customer = await sockets.customer({ contactId: contact.id, addressId: center.address.id });
    const agent = await sockets.agent(center.agents[0]!);

    const waiting = nextEvent<{ item: { id: string } }>(agent, "picklist:added");
    const first = await request<{ conversationId: string; message: { seq: number } }>(customer, "message:send", { clientMessageId: randomUUID(), body: "Hello?" });
    expect(first).toMatchObject({ ok: true, data: { message: { seq: 1 } } });
    const conversationId = first.data!.conversationId;
    expect((await waiting).item.id).toBe(conversationId);

    expect(await request(agent, "conversation:pick", { conversationId })).toMatchObject({ ok: true });
    const delivered = nextEvent<{ message: { body: string; seq: number; direction: string } }>(agent, "message:created");
    const second = await request(customer, "message:send", { clientMessageId: randomUUID(), body: "Are you there?" });
    expect(second).toMatchObject({ ok: true, data: { conversationId, message: { seq: 2 } } });
    expect((await delivered).message).toMatchObject({ body: "Are you there?", seq: 2, direction: "INBOUND" });

    expect(await request(customer, "message:send", { clientMessageId: "short", body: "x" })).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    expect(await db.message.count({ where: { conversationId } })).toBe(2);
  });
});

describe("who hears what a pick changes", () => {
  it("the queue's agents hear the card go; only supervisors hear that the board changed", async () => {
    const center = await contactCenter({ agents: 2 });
    const supervisor = await createUser(center.company.id, { role: "SUPERVISOR" });
    const { conversationId } = await customerWrites(center.company.id, center.address.id);
    const [picker, colleague] = await Promise.all(center.agents.map((agent) => sockets.agent(agent)));
    const board = await sockets.agent(supervisor);
    const colleagueHeard = collect<{ queueId: string }>(colleague!, "queue:changed");
    await sleep(100);

    const removed = nextEvent<{ removed: Array<{ conversationId: string; reason: string }> }>(colleague!, "picklist:removed");
    const changed = nextEvent<{ queueId: string }>(board, "queue:changed");
    expect(await request(picker!, "conversation:pick", { conversationId })).toMatchObject({ ok: true });
    expect(await removed).toMatchObject({ removed: [{ conversationId, reason: "picked" }] });
    expect(await changed).toMatchObject({ queueId: center.queue.id });
    await sleep(200);
    expect(colleagueHeard).toEqual([]);
  });
});

describe("who hears a pick as conversation:assigned", () => {
  it("the picker's other tabs do; the tab that asked over the socket has the summary in its answer only, and a pick over HTTP reaches every tab", async () => {
    const center = await contactCenter({ agents: 1 });
    const agent = center.agents[0]!;
    const [askingTab, otherTab] = [await sockets.agent(agent), await sockets.agent(agent)];
    const askingHeard = collect<{ conversation: { id: string } }>(askingTab, "conversation:assigned");
    const { conversationId } = await customerWrites(center.company.id, center.address.id);

    const otherHears = nextEvent<{ userId: string; conversation: { id: string; assigneeId: string } }>(otherTab, "conversation:assigned");
    const answer = await request<{ conversation: { id: string; assigneeId: string } }>(askingTab, "conversation:pick", { conversationId });
    expect(answer.data!.conversation).toMatchObject({ id: conversationId, assigneeId: agent.id });
    expect(await otherHears).toMatchObject({ userId: agent.id, conversation: { id: conversationId, assigneeId: agent.id } });
    // Events reach a socket in the order they are sent, and the event would have been sent before the answer.
    expect(await request(askingTab, "session:whoami", {})).toMatchObject({ ok: true });
    expect(askingHeard).toEqual([]);

    const overHttp = await customerWrites(center.company.id, center.address.id, "Another question");
    const bothHear = Promise.all([askingTab, otherTab].map((tab) => nextEvent<{ conversation: { id: string } }>(tab, "conversation:assigned")));
    await pickConversation({ principal: center.principals[0]!, conversationId: overHttp.conversationId });
    for (const heard of await bothHear) expect(heard.conversation.id).toBe(overHttp.conversationId);
  });
});

describe("who hears an agent's reply as message:created", () => {
  it("the agent's other tabs and the conversation's watchers do; the tab that sent it over the socket has it in its answer only", async () => {
    const center = await contactCenter({ agents: 2 });
    const { conversationId } = await pickedConversation(center, 0);
    const [sendingTab, otherTab] = [await sockets.agent(center.agents[0]!), await sockets.agent(center.agents[0]!)];
    const supervisor = await sockets.agent(await createUser(center.company.id, { role: "SUPERVISOR" }));
    expect(await request(sendingTab, "conversation:watch", { conversationId })).toMatchObject({ ok: true });
    expect(await request(supervisor, "conversation:watch", { conversationId })).toMatchObject({ ok: true });
    const sendingHeard = collect<{ message: { id: string } }>(sendingTab, "message:created");

    const othersHear = Promise.all([otherTab, supervisor].map((tab) => nextEvent<{ message: { id: string } }>(tab, "message:created")));
    const answer = await request<{ message: { id: string } }>(sendingTab, "message:send", { conversationId, clientMessageId: randomUUID(), body: "Checking now." });
    for (const heard of await othersHear) expect(heard.message.id).toBe(answer.data!.message.id);
    // Events reach a socket in the order they are sent, and the event would have been sent before the answer.
    expect(await request(sendingTab, "session:whoami", {})).toMatchObject({ ok: true });
    expect(sendingHeard).toEqual([]);

    const bothHear = Promise.all([sendingTab, otherTab].map((tab) => nextEvent<{ message: { body: string } }>(tab, "message:created")));
    await sendAgentMessage({ principal: center.principals[0]!, conversationId, input: { clientMessageId: randomUUID(), body: "Sent over HTTP." } });
    for (const heard of await bothHear) expect(heard.message.body).toBe("Sent over HTTP.");
  });
});

describe("who hears a customer's message as message:created", () => {
  it("the customer's other tab and the assigned agent do; the socket that sent it has it in its answer only", async () => {
    const center = await contactCenter({ agents: 1 });
    const { conversationId, contactId } = await pickedConversation(center, 0);
    const [sendingTab, otherTab] = [await sockets.customer({ contactId, addressId: center.address.id }), await sockets.customer({ contactId, addressId: center.address.id })];
    const agent = await sockets.agent(center.agents[0]!);
    const sendingHeard = collect<{ message: { id: string } }>(sendingTab, "message:created");

    const othersHear = Promise.all([otherTab, agent].map((tab) => nextEvent<{ message: { id: string } }>(tab, "message:created")));
    const answer = await request<{ conversationId: string; message: { id: string } }>(sendingTab, "message:send", { clientMessageId: randomUUID(), body: "Still there?" });
    expect(answer.data!.conversationId).toBe(conversationId);
    for (const heard of await othersHear) expect(heard.message.id).toBe(answer.data!.message.id);
    // Events reach a socket in the order they are sent, and the event would have been sent before the answer.
    expect(await request(sendingTab, "message:send", { clientMessageId: "short", body: "x" })).toMatchObject({ ok: false });
    expect(sendingHeard).toEqual([]);
  });
});

describe("picklist removals in a race", () => {
  it("claims made together reach the queue's agents together: every card once, in fewer events than claims", async () => {
    const center = await contactCenter({ agents: 2 });
    const ids = (await Promise.all(Array.from({ length: 12 }, () => customerWrites(center.company.id, center.address.id)))).map((w) => w.conversationId);
    const [picker, colleague] = await Promise.all(center.agents.map((agent) => sockets.agent(agent)));
    const heard = collect<{ removed: Array<{ conversationId: string; reason: string }> }>(colleague!, "picklist:removed");
    await sleep(100);

    const answers = await Promise.all(ids.map((conversationId) => request(picker!, "conversation:pick", { conversationId })));
    expect(answers.every((answer) => answer.ok)).toBe(true);
    await vi.waitFor(() => expect(heard.flatMap((event) => event.removed).length).toBe(12), { timeout: 3000 });
    expect(heard.flatMap((event) => event.removed.map((r) => r.conversationId)).sort()).toEqual([...ids].sort());
    expect(heard.length).toBeLessThan(12);
  });
});

describe("API-token sockets", () => {
  it("revoking the token closes the sockets opened with it", async () => {
    const center = await contactCenter({ agents: 1 });
    const user = await createUser(center.company.id);
    const principal = { userId: user.id, companyId: user.companyId, role: user.role, name: user.name, email: user.email };
    const { token, summary } = await createApiToken({ principal, name: "Phone" });
    const socket = await connected(connectClient(sockets.url(), { token }));
    await sleep(100);
    const closed = new Promise<string>((resolve) => socket.once("disconnect", resolve));

    await revokeApiToken({ principal, tokenId: summary.id });
    expect(await closed).toBe("io server disconnect");
    await expect(connected(connectClient(sockets.url(), { token }))).rejects.toThrow("UNAUTHENTICATED");
  });
});
