/**
 * Scenarios 1, 2 and 5: web-chat delivery between customers (their
 * /customer socket) and agents (their console socket) under paced load, and
 * the headroom ramp. Both send as their pages do: a socket request with an
 * ack (message:send); the HTTP API takes the same sends.
 */
import { randomUUID } from "node:crypto";
import { DeliveryTracker, pace, stamp, type Delivered, type DeliveryResult } from "../delivery";
import { ask } from "../socket-request";
import type { World } from "../world";
import { describeStalls, watchHarnessStalls, type HarnessStalls } from "../harness-stalls";

type AgentMessageEvent = { assigneeId: string | null; message: Delivered & { direction: string } };
type CustomerMessageEvent = { conversationId: string; message: Omit<Delivered, "conversationId"> & { direction: string } };

let runs = 0;

/** Customers send (message:send on /customer); the assigned agent's socket receives message:created. */
export async function customerToAgent(world: World, rate: number, seconds: number): Promise<DeliveryResult> {
  const tracker = new DeliveryTracker(`c2a${++runs}`);
  const receiverOf = new Map<string, string>();
  const listeners = world.agents.map((agent) => {
    const listener = (event: AgentMessageEvent) => {
      if (event.message.direction === "INBOUND") tracker.receive(event.message, agent.id);
    };
    agent.socket.on("message:created", listener);
    return () => agent.socket.off("message:created", listener);
  });
  const achieved = await paceCustomerMessages(world, tracker, receiverOf, rate, seconds);
  await tracker.settle((id) => receiverOf.get(id)!, 5000);
  for (const off of listeners) off();
  return tracker.result((id) => receiverOf.get(id)!, achieved);
}

/** Agents send (message:send on the console socket); the customer's /customer socket receives message:created. */
export async function agentToCustomer(world: World, rate: number, seconds: number): Promise<DeliveryResult> {
  const tracker = new DeliveryTracker(`a2c${++runs}`);
  const listeners = world.customers.map((customer) => {
    const listener = (event: CustomerMessageEvent) => {
      if (event.message.direction === "OUTBOUND") tracker.receive({ ...event.message, conversationId: event.conversationId }, customer.conversationId);
    };
    customer.socket.on("message:created", listener);
    return () => customer.socket.off("message:created", listener);
  });
  const receiverOf = new Map<string, string>();
  const customers = world.customers;
  const achieved = await pace({
    rate,
    seconds,
    keyOf: (k) => customers[k % customers.length]!.conversationId,
    send: async (k) => {
      const customer = customers[k % customers.length]!;
      const answer = await ask<{ message: { id: string } }>(customer.agent.socket, "message:send", {
        conversationId: customer.conversationId,
        clientMessageId: randomUUID(),
        body: stamp(tracker.tag, k),
      });
      if (!answer.ok) {
        tracker.failedSends += 1;
        return;
      }
      receiverOf.set(answer.data.message.id, customer.conversationId);
      tracker.acked.add(answer.data.message.id);
    },
  });
  await tracker.settle((id) => receiverOf.get(id)!, 5000);
  for (const off of listeners) off();
  return tracker.result((id) => receiverOf.get(id)!, achieved);
}

export interface HeadroomStep {
  rate: number;
  achievedRate: number;
  p99: number;
  lost: number;
  failedSends: number;
  harness: HarnessStalls;
}

/**
 * Scenario 5: customer -> agent delivery at rising rates. The knee is the
 * highest rate whose p99 stays within twice the low-load p99, with the
 * generator keeping up (>= 90% of the asked rate) and nothing lost. The
 * low-load p99 is the lower of scenario 1's (same path, longer) and the first
 * step's, so one noisy first step cannot loosen the target.
 */
export async function headroom(world: World, rates: number[], stepSeconds: number, scenario1P99: number): Promise<{ steps: HeadroomStep[]; lowP99: number; knee: number }> {
  const steps: HeadroomStep[] = [];
  let lowP99 = Number.NaN;
  let knee = 0;
  for (const rate of rates) {
    const stopWatching = watchHarnessStalls();
    const result = await customerToAgent(world, rate, stepSeconds);
    const step = { rate, achievedRate: result.achievedRate, p99: result.latency.p99, lost: result.lost, failedSends: result.failedSends, harness: stopWatching() };
    steps.push(step);
    console.log(`[bench]   headroom ${rate} msg/s: achieved ${step.achievedRate.toFixed(1)}, p99 ${step.p99.toFixed(1)} ms, lost ${step.lost}, failed ${step.failedSends}; ${describeStalls(step.harness)}`);
    if (Number.isNaN(lowP99)) lowP99 = Number.isFinite(scenario1P99) ? Math.min(scenario1P99, step.p99) : step.p99;
    const healthy = step.p99 <= 2 * lowP99 && step.achievedRate >= 0.9 * rate && step.lost === 0 && step.failedSends === 0;
    if (!healthy) break;
    knee = rate;
  }
  return { steps, lowP99, knee };
}

/** Customers write at a steady rate from their web-chat sockets; each acked message is expected at its conversation's agent. */
export function paceCustomerMessages(world: World, tracker: DeliveryTracker, receiverOf: Map<string, string>, rate: number, seconds: number) {
  const customers = world.customers;
  return pace({
    rate,
    seconds,
    keyOf: (k) => customers[k % customers.length]!.conversationId,
    send: async (k) => {
      const customer = customers[k % customers.length]!;
      const answer = await ask<{ message: { id: string } }>(customer.socket, "message:send", { clientMessageId: randomUUID(), body: stamp(tracker.tag, k) });
      if (!answer.ok) {
        tracker.failedSends += 1;
        return;
      }
      receiverOf.set(answer.data.message.id, customer.agent.id);
      tracker.acked.add(answer.data.message.id);
    },
  });
}
