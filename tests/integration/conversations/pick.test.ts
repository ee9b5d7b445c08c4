import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { claimStatement, pickConversation } from "@/lib/conversations/pick-conversation";
import { loadSummary } from "@/lib/conversations/load-summary";
import { endConversation } from "@/lib/conversations/end-conversation";
import { receiveCustomerMessage } from "@/lib/messages/receive-customer-message";
import { createUser } from "../../support/factories";
import { contactCenter, customerWrites, principalOf } from "../../support/conversations";
import { rowsRead } from "../../support/plans";

describe("pick", () => {
  it("20 concurrent picks of one conversation: exactly one success, 19 clear refusals, one event in the log", async () => {
    const center = await contactCenter({ agents: 20 });
    const { conversationId } = await customerWrites(center.company.id, center.address.id);

    const results = await Promise.allSettled(center.principals.map((principal) => pickConversation({ principal, conversationId })));
    const winners = results.filter((r) => r.status === "fulfilled");
    const losers = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(19);

    const conversation = await db.conversation.findUniqueOrThrow({ where: { id: conversationId }, include: { assignee: true } });
    expect(conversation.status).toBe("ACTIVE");
    for (const loser of losers) {
      expect(loser.reason).toMatchObject({ code: "CONFLICT", message: `Already picked by ${conversation.assignee!.name}.` });
    }
    expect(await db.conversationEvent.count({ where: { conversationId, type: "PICKED" } })).toBe(1);
    // Stored in UTC like every other timestamp, whatever the database session's time zone.
    expect(Math.abs(conversation.pickedAt!.getTime() - Date.now())).toBeLessThan(60_000);
    const event = await db.conversationEvent.findFirstOrThrow({ where: { conversationId, type: "PICKED" } });
    expect(event.createdAt.getTime()).toBe(conversation.pickedAt!.getTime());
    expect(event.actorId).toBe(conversation.assigneeId);
  });

  it("an agent outside the queue cannot pick, and an agent of another company sees nothing", async () => {
    const center = await contactCenter({ agents: 1 });
    const other = await contactCenter({ agents: 1 });
    const { conversationId } = await customerWrites(center.company.id, center.address.id);
    const colleagueOutsideQueue = principalOf(await createUser(center.company.id));

    await expect(pickConversation({ principal: colleagueOutsideQueue, conversationId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(pickConversation({ principal: other.principals[0]!, conversationId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).status).toBe("WAITING");
  });

  it("picks that arrive together share a statement: 30 conversations raced by 10 agents, each claimed once, each winner told its summary", async () => {
    const center = await contactCenter({ agents: 10 });
    const written = await Promise.all(Array.from({ length: 30 }, (_, i) => customerWrites(center.company.id, center.address.id, `Question ${i}`)));
    await receiveCustomerMessage({ contactId: written[0]!.contactId, channelAddressId: center.address.id, body: "Still there?" });
    const ids = written.map((w) => w.conversationId);

    // Every agent tries every conversation, all at once.
    const attempts = center.principals.flatMap((principal) => ids.map((conversationId) => ({ principal, conversationId })));
    const results = await Promise.allSettled(attempts.map((attempt) => pickConversation(attempt)));
    const won = results.flatMap((result, i) => (result.status === "fulfilled" ? [{ ...attempts[i]!, summary: result.value }] : []));
    expect(won.map((w) => w.conversationId).sort()).toEqual([...ids].sort());
    for (const result of results) if (result.status === "rejected") expect(result.reason).toMatchObject({ code: "CONFLICT" });

    for (const { principal, conversationId, summary } of won) {
      expect(await db.conversationEvent.count({ where: { conversationId, type: "PICKED" } })).toBe(1);
      // The summary the batched claim builds is exactly what a re-read gives the picker.
      expect(summary).toEqual(await loadSummary(conversationId, principal.userId));
      expect(summary.assigneeId).toBe(principal.userId);
    }
    expect(won.find((w) => w.conversationId === ids[0])!.summary.unread).toBe(2);
  });

  it("a batch of picks reads only the conversations it asked for, even planned as for a table that looks small", async () => {
    const center = await contactCenter({ agents: 3 });
    const written = await Promise.all(Array.from({ length: 3 }, (_, i) => customerWrites(center.company.id, center.address.id, `Question ${i}`)));
    const requests = written.map((w, i) => ({ principal: center.principals[i]!, conversationId: w.conversationId }));
    // Hashing the whole table looks cheaper than a lookup per id when PostgreSQL's statistics call it small
    // (a race's first run, right after its cards arrived).
    const read = await rowsRead(claimStatement(requests, requests.map(() => randomUUID())), ["Conversation"], { settings: ["enable_nestloop = off"] });
    // Each of the three parts that look conversations up (may they pick, claim, why not) reads the three asked for.
    expect(read).toBeLessThanOrEqual(3 * requests.length);
    // EXPLAIN ANALYZE ran the claim in a transaction that was rolled back.
    expect(await db.conversation.count({ where: { id: { in: written.map((w) => w.conversationId) }, status: "WAITING" } })).toBe(3);
  });

  it("in one batch, a first asker who may not pick a conversation does not block a member who asks for it too", async () => {
    const center = await contactCenter({ agents: 1 });
    const supervisor = principalOf(await createUser(center.company.id, { role: "SUPERVISOR" }));
    const { conversationId: other } = await customerWrites(center.company.id, center.address.id);
    const { conversationId } = await customerWrites(center.company.id, center.address.id);

    // The first pick starts a batch; the next two wait for it and share the next statement, the supervisor first.
    const results = await Promise.allSettled([
      pickConversation({ principal: center.principals[0]!, conversationId: other }),
      pickConversation({ principal: supervisor, conversationId }),
      pickConversation({ principal: center.principals[0]!, conversationId }),
    ]);
    expect(results[1]).toMatchObject({ status: "rejected", reason: { code: "FORBIDDEN" } });
    expect(results[2]).toMatchObject({ status: "fulfilled", value: { id: conversationId, assigneeId: center.agents[0]!.id } });
  });

  it("in one batch, several members asking for one conversation: the first gets it, the others are told who", async () => {
    const center = await contactCenter({ agents: 5 });
    const { conversationId: other } = await customerWrites(center.company.id, center.address.id);
    const { conversationId } = await customerWrites(center.company.id, center.address.id);
    const first = center.principals[0]!;

    // The first pick starts a batch; the five picks of one conversation wait for it and share the next statement.
    const results = await Promise.allSettled([
      pickConversation({ principal: first, conversationId: other }),
      ...center.principals.map((principal) => pickConversation({ principal, conversationId })),
    ]);
    expect(results[1]).toMatchObject({ status: "fulfilled", value: { id: conversationId, assigneeId: first.userId } });
    for (const result of results.slice(2)) {
      expect(result).toMatchObject({ status: "rejected", reason: { code: "CONFLICT", message: `Already picked by ${first.name}.` } });
    }
    expect(await db.conversationEvent.count({ where: { conversationId, type: "PICKED" } })).toBe(1);
  });

  it("a member who cannot have it is told why: already theirs, already ended", async () => {
    const center = await contactCenter({ agents: 2 });
    const [mine, colleague] = center.principals as [typeof center.principals[0], typeof center.principals[0]];
    const { conversationId } = await customerWrites(center.company.id, center.address.id);
    await pickConversation({ principal: mine, conversationId });

    await expect(pickConversation({ principal: mine, conversationId })).rejects.toMatchObject({ code: "CONFLICT", message: "You have already picked this conversation." });
    await endConversation({ principal: mine, conversationId });
    await expect(pickConversation({ principal: colleague, conversationId })).rejects.toMatchObject({ code: "CONFLICT", message: "This conversation has already ended." });
    expect(await db.conversationEvent.count({ where: { conversationId, type: "PICKED" } })).toBe(1);
  });
});
