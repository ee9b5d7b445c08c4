import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { closeQueues, queue } from "@/lib/queue/queues";
import { expireOffer } from "@/lib/conversations/respond-to-offer";
import { listPicklist } from "@/lib/conversations/list-picklist";
import { listActiveConversations } from "@/lib/conversations/list-active-conversations";
import { POST as acceptRoute } from "@/app/api/v1/conversations/[id]/accept/route";
import { POST as declineRoute } from "@/app/api/v1/conversations/[id]/decline/route";
import { contactCenter, customerWrites } from "../../support/conversations";
import { apiTokenFor, callRoute } from "../../support/http";
import { sleep } from "../../support/socket-harness";
import { eventsAbout, recordAll, removeOfferJobs, socketSuite, waitForEvent, waitUntilOnline, type ReceivedEvent } from "../../support/scenarios";

const sockets = socketSuite();
const offered: string[] = [];
afterAll(async () => {
  for (const conversationId of offered) await removeOfferJobs(conversationId);
  await closeQueues();
});

/** An offer-mode queue whose agents are all online, each with one recorded console client. */
async function onlineOfferCenter(agents = 2) {
  const center = await contactCenter({ agents, mode: "OFFER" });
  const received = new Map<string, ReceivedEvent[]>();
  for (const agent of center.agents) received.set(agent.id, recordAll(await sockets.agent(agent)));
  await waitUntilOnline(center.agents.map((a) => a.id));
  const principalOf = (userId: string) => center.principals.find((p) => p.userId === userId)!;
  return { ...center, eventsOf: (userId: string) => received.get(userId)!, principalOf };
}

async function customerArrives(center: Awaited<ReturnType<typeof onlineOfferCenter>>) {
  const { conversationId } = await customerWrites(center.company.id, center.address.id);
  offered.push(conversationId);
  const conversation = await db.conversation.findUniqueOrThrow({ where: { id: conversationId } });
  expect(conversation.status).toBe("OFFERED");
  const first = conversation.offeredToId!;
  const other = center.agents.map((a) => a.id).find((id) => id !== first)!;
  return { conversationId, first, other };
}

const eventTypes = async (conversationId: string) =>
  (await db.conversationEvent.findMany({ where: { conversationId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { type: true } })).map((e) => e.type);

describe("offer mode", () => {
  it("offers a new conversation to exactly one online agent, tells only that agent's client, and schedules a delayed timeout job", async () => {
    const center = await onlineOfferCenter(2);
    const before = Date.now();
    const { conversationId, first, other } = await customerArrives(center);

    const conversation = await db.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(center.agents.map((a) => a.id)).toContain(first);
    expect(conversation.assigneeId).toBeNull();
    expect(conversation.offerExpiresAt!.getTime() - before).toBeGreaterThanOrEqual(29_000);
    expect(conversation.offerExpiresAt!.getTime() - before).toBeLessThanOrEqual(35_000);
    const offerEvents = await db.conversationEvent.findMany({ where: { conversationId, type: "OFFERED" } });
    expect(offerEvents).toMatchObject([{ targetUserId: first }]);

    const offer = await waitForEvent<{ userId: string; conversation: { id: string; status: string }; expiresAt: string }>(center.eventsOf(first), "offer:received", conversationId);
    expect(offer).toMatchObject({ userId: first, conversation: { id: conversationId, status: "OFFERED" }, expiresAt: conversation.offerExpiresAt!.toISOString() });
    await sleep(200);
    expect(eventsAbout(center.eventsOf(other), "offer:received", conversationId)).toEqual([]);

    const job = await queue("conversation-timers").getJob(`offer-${offerEvents[0]!.id}`);
    expect(job).toBeDefined();
    expect(await job!.getState()).toBe("delayed");
    expect(job!.name).toBe("offer-timeout");
    expect(job!.data).toEqual({ conversationId, offeredToId: first });
    expect(job!.opts.delay).toBe(30_000);
    for (const principal of center.principals) expect((await listPicklist({ principal })).map((i) => i.id)).not.toContain(conversationId);
  });

  it("accepting an offer makes the conversation ACTIVE and the agent's own, with an ACCEPTED event; the other agent cannot accept it", async () => {
    const center = await onlineOfferCenter(2);
    const { conversationId, first, other } = await customerArrives(center);

    const refused = await callRoute(acceptRoute, "POST", { token: await apiTokenFor(other), params: { id: conversationId } });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: "CONFLICT" } } });

    const accepted = await callRoute<{ conversation: { id: string; status: string; assigneeId: string } }>(acceptRoute, "POST", { token: await apiTokenFor(first), params: { id: conversationId } });
    expect(accepted.status).toBe(200);
    expect(accepted.body.conversation).toMatchObject({ id: conversationId, status: "ACTIVE", assigneeId: first });

    const conversation = await db.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(conversation).toMatchObject({ status: "ACTIVE", assigneeId: first, offeredToId: null, offerExpiresAt: null });
    expect(await eventTypes(conversationId)).toEqual(["CREATED", "OFFERED", "ACCEPTED"]);
    expect(await db.conversationEvent.findFirst({ where: { conversationId, type: "ACCEPTED" } })).toMatchObject({ actorId: first });
    await waitForEvent(center.eventsOf(first), "conversation:assigned", conversationId);
    expect((await listActiveConversations({ principal: center.principalOf(first) })).map((c) => c.id)).toEqual([conversationId]);
  });

  it("declining offers the conversation to the next online agent with a DECLINED event; when everyone declined it waits in the picklist", async () => {
    const center = await onlineOfferCenter(2);
    const { conversationId, first, other } = await customerArrives(center);

    const declined = await callRoute(declineRoute, "POST", { token: await apiTokenFor(first), params: { id: conversationId } });
    expect(declined).toEqual({ status: 200, body: { ok: true } });

    expect(await db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({ status: "OFFERED", offeredToId: other });
    expect(await eventTypes(conversationId)).toEqual(["CREATED", "OFFERED", "DECLINED", "OFFERED"]);
    expect(await db.conversationEvent.findFirst({ where: { conversationId, type: "DECLINED" } })).toMatchObject({ actorId: first, targetUserId: first });
    expect(await waitForEvent(center.eventsOf(first), "offer:withdrawn", conversationId)).toMatchObject({ reason: "declined" });
    expect(await waitForEvent(center.eventsOf(other), "offer:received", conversationId)).toMatchObject({ userId: other });

    await callRoute(declineRoute, "POST", { token: await apiTokenFor(other), params: { id: conversationId } });
    expect(await db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({ status: "WAITING", offeredToId: null });
    expect((await listPicklist({ principal: center.principalOf(first) })).map((i) => i.id)).toEqual([conversationId]);
  });

  it("an offer that times out (expireOffer) logs OFFER_TIMED_OUT and moves on to the next online agent", async () => {
    const center = await onlineOfferCenter(2);
    const { conversationId, first, other } = await customerArrives(center);

    await expireOffer({ conversationId, offeredToId: first });

    expect(await db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({ status: "OFFERED", offeredToId: other, assigneeId: null });
    expect(await eventTypes(conversationId)).toEqual(["CREATED", "OFFERED", "OFFER_TIMED_OUT", "OFFERED"]);
    expect(await db.conversationEvent.findFirst({ where: { conversationId, type: "OFFER_TIMED_OUT" } })).toMatchObject({ actorId: null, targetUserId: first });
    expect(await waitForEvent(center.eventsOf(first), "offer:withdrawn", conversationId)).toMatchObject({ reason: "timed-out" });
    expect(await waitForEvent(center.eventsOf(other), "offer:received", conversationId)).toMatchObject({ userId: other });
    const secondOffer = await db.conversationEvent.findFirstOrThrow({ where: { conversationId, type: "OFFERED", targetUserId: other } });
    expect(await (await queue("conversation-timers").getJob(`offer-${secondOffer.id}`))?.getState()).toBe("delayed");

    // The same timer firing again (a retried job) must not withdraw the next agent's offer.
    await expireOffer({ conversationId, offeredToId: first });
    expect(await db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({ status: "OFFERED", offeredToId: other });
    expect(await eventTypes(conversationId)).toEqual(["CREATED", "OFFERED", "OFFER_TIMED_OUT", "OFFERED"]);
  });

  it("a stale timeout after the offer was accepted changes nothing", async () => {
    const center = await onlineOfferCenter(2);
    const { conversationId, first } = await customerArrives(center);
    await callRoute(acceptRoute, "POST", { token: await apiTokenFor(first), params: { id: conversationId } });
    const before = await db.conversation.findUniqueOrThrow({ where: { id: conversationId } });

    await expireOffer({ conversationId, offeredToId: first });

    expect(await db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).toEqual(before);
    expect(await eventTypes(conversationId)).toEqual(["CREATED", "OFFERED", "ACCEPTED"]);
    await sleep(200);
    expect(eventsAbout(center.eventsOf(first), "offer:withdrawn", conversationId)).toEqual([expect.objectContaining({ reason: "accepted" })]);
  });

  it("with no agent online the conversation is not offered and waits in the picklist", async () => {
    const center = await contactCenter({ agents: 2, mode: "OFFER" });
    const { conversationId } = await customerWrites(center.company.id, center.address.id);
    offered.push(conversationId);

    expect(await db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({ status: "WAITING", offeredToId: null, assigneeId: null });
    expect(await eventTypes(conversationId)).toEqual(["CREATED"]);
    for (const principal of center.principals) expect((await listPicklist({ principal })).map((i) => i.id)).toEqual([conversationId]);
  });
});
