/**
 * Scenario 6: while customers keep writing, every agent connection drops at
 * once (the transport closes, as on a network blip). Each agent reconnects
 * with socket.io's default backoff and re-reads every conversation after the
 * last sequence number it had (GET /api/v1/conversations/:id/messages?afterSeq=).
 * Measured: time from the drop until the last agent is connected and caught
 * up; messages that neither arrived live nor were re-read count as missed.
 */
import { DeliveryTracker, type Delivered } from "../delivery";
import { request } from "../http";
import { nowMs, sleep, waitFor } from "../stats";
import type { World } from "../world";
import { paceCustomerMessages } from "./webchat";

export interface StormResult {
  agents: number;
  reconnected: number;
  backAndCaughtUpMs: number;
  sent: number;
  missed: number;
  duplicatedLive: number;
  failedSends: number;
}

type AgentMessageEvent = { message: Delivered & { direction: string } };

export async function reconnectStorm(world: World, rate: number, seconds: number): Promise<StormResult> {
  const tracker = new DeliveryTracker(`storm${Date.now()}`);
  const receiverOf = new Map<string, string>();
  const lastSeq = new Map<string, number>();
  const caughtUpAt = new Map<string, number>();
  let droppedAt = 0;

  const cleanups = world.agents.map((agent) => {
    const onMessage = (event: AgentMessageEvent) => {
      if (event.message.direction !== "INBOUND") return;
      tracker.receive(event.message, agent.id);
      if (event.message.seq > (lastSeq.get(event.message.conversationId) ?? 0)) lastSeq.set(event.message.conversationId, event.message.seq);
    };
    const onReconnect = async () => {
      if (!droppedAt) return;
      // Catch up: everything after the last sequence number this agent had, page by page.
      for (const conversationId of agent.conversationIds) {
        let after = lastSeq.get(conversationId) ?? 0;
        for (let page = 0; page < 50; page += 1) {
          const answer = await request<{ messages: Delivered[] }>("GET", `/api/v1/conversations/${conversationId}/messages?afterSeq=${after}&limit=200`, { token: agent.token });
          if (answer.status !== 200) break;
          for (const message of answer.body.messages) {
            tracker.fill({ ...message, conversationId }, agent.id);
            after = Math.max(after, message.seq);
          }
          if (answer.body.messages.length < 200) break;
        }
        lastSeq.set(conversationId, Math.max(lastSeq.get(conversationId) ?? 0, after));
      }
      caughtUpAt.set(agent.id, nowMs());
    };
    agent.socket.on("message:created", onMessage);
    agent.socket.io.on("reconnect", onReconnect);
    return () => {
      agent.socket.off("message:created", onMessage);
      agent.socket.io.off("reconnect", onReconnect);
    };
  });

  const load = paceCustomerMessages(world, tracker, receiverOf, rate, seconds);
  await sleep((seconds * 1000) / 3);
  droppedAt = nowMs();
  // Close every transport at once: the clients see a lost connection and reconnect by themselves.
  for (const agent of world.agents) agent.socket.io.engine.close();
  await waitFor(() => caughtUpAt.size === world.agents.length, 30_000);
  const backAt = caughtUpAt.size === world.agents.length ? Math.max(...caughtUpAt.values()) : Number.NaN;
  await load;
  await tracker.settle((id) => receiverOf.get(id)!, 5000);
  for (const cleanup of cleanups) cleanup();
  const result = tracker.result((id) => receiverOf.get(id)!, 0);
  return {
    agents: world.agents.length,
    reconnected: world.agents.filter((a) => a.socket.connected).length,
    backAndCaughtUpMs: backAt - droppedAt,
    sent: result.sent,
    missed: result.lost,
    duplicatedLive: result.duplicated,
    failedSends: result.failedSends,
  };
}
