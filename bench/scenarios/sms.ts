/**
 * Scenario 3: the worker path. Inbound: the stand-in posts a signed Twilio
 * webhook (POST /control/sms/inbound) and the assigned agent's socket
 * receives the message. Outbound: an agent's send (console socket) is queued, the
 * outbound worker calls the stand-in, whose /control/accepted shows when it
 * arrived. Throughput: a burst of agent sends with the provider taking 50 ms
 * per call.
 */
import { randomUUID } from "node:crypto";
import { DeliveryTracker, pace, type Delivered, type DeliveryResult } from "../delivery";
import { SMS_NUMBER, sql } from "../fixtures";
import { request } from "../http";
import { ask } from "../socket-request";
import { STAND_IN_URL } from "../stack";
import { pool, sleep, summarize, type Summary } from "../stats";
import { expectStatus, type AgentClient } from "../world";

export interface SmsConversation {
  id: string;
  phone: string;
  agent: AgentClient;
}

const control = (method: string, path: string, body?: unknown) => request(method, path, { base: STAND_IN_URL, body });

/** Customers text in through the stand-in; each new conversation is picked by one agent. */
export async function setupSms(agents: AgentClient[], count: number): Promise<SmsConversation[]> {
  const phones = Array.from({ length: count }, (_, i) => `+1555021${String(1000 + i).padStart(4, "0")}`);
  await pool(count, 8, async (i) => {
    const answer = await control("POST", "/control/sms/inbound", { from: phones[i], to: SMS_NUMBER, body: "Hi, texting about my order" });
    expectStatus(answer, 200, "stand-in inbound SMS");
  });
  const rows = await sql<{ id: string; phone: string }>(
    `SELECT c.id, k.phone FROM "Conversation" c JOIN "Contact" k ON k.id = c."contactId" WHERE c.channel = 'SMS' AND k.phone = ANY($1::text[]) AND c.status = 'WAITING'`,
    phones,
  );
  if (rows.length !== count) throw new Error(`expected ${count} SMS conversations, found ${rows.length}`);
  const conversations = rows.map((row, i) => ({ id: row.id, phone: row.phone, agent: agents[i % agents.length]! }));
  await pool(conversations.length, 8, async (i) => {
    const c = conversations[i]!;
    expectStatus(await request("POST", `/api/v1/conversations/${c.id}/pick`, { token: c.agent.token }), 200, "pick SMS conversation");
    c.agent.conversationIds.push(c.id);
  });
  return conversations;
}

type AgentMessageEvent = { message: Delivered & { direction: string } };

/** Inbound SMS webhook -> agent receipt (latency from the bench's call to the stand-in). */
export async function inboundSms(agents: AgentClient[], conversations: SmsConversation[], rate: number, seconds: number): Promise<DeliveryResult> {
  const tracker = new DeliveryTracker(`sms-in${Date.now()}`);
  const agentOf = new Map(conversations.map((c) => [c.id, c.agent.id]));
  const receiverOfK = new Map<string, string>();
  const cleanups = agents.map((agent) => {
    const listener = (event: AgentMessageEvent) => {
      const m = event.message;
      if (m.direction !== "INBOUND" || !agentOf.has(m.conversationId)) return;
      // Keyed by the load's own counter: the webhook does not tell us Parley's message id.
      tracker.receive({ ...m, id: m.body.split("|")[2] ?? m.id }, agent.id);
    };
    agent.socket.on("message:created", listener);
    return () => agent.socket.off("message:created", listener);
  });
  const achieved = await pace({
    rate,
    seconds,
    keyOf: (k) => conversations[k % conversations.length]!.id,
    send: async (k) => {
      const c = conversations[k % conversations.length]!;
      const body = `${tracker.tag}|${performance.now().toFixed(3)}|${k}|Any news about my parcel?`;
      const answer = await control("POST", "/control/sms/inbound", { from: c.phone, to: SMS_NUMBER, body });
      const parleyStatus = (answer.body as { status?: number } | null)?.status;
      if (answer.status !== 200 || parleyStatus !== 200) {
        tracker.failedSends += 1;
        return;
      }
      receiverOfK.set(String(k), c.agent.id);
      tracker.acked.add(String(k));
    },
  });
  await tracker.settle((k) => receiverOfK.get(k)!, 5000);
  for (const cleanup of cleanups) cleanup();
  return tracker.result((k) => receiverOfK.get(k)!, achieved);
}

export interface AcceptedSend {
  seq: number;
  at: string;
  text: string;
}

/**
 * The provider calls the stand-in accepted for this tag, once there are `count` of them (or after a minute, those
 * so far). Polls only what is new (?after=seq): the whole list is thousands of sends, and serializing it five
 * times a second cost the stand-in and the bench CPU that the burst's own processes were short of.
 */
export async function waitForAccepted(tag: string, count: number): Promise<AcceptedSend[]> {
  const deadline = Date.now() + 60_000;
  const accepted: AcceptedSend[] = [];
  let after = 0;
  for (;;) {
    const answer = await control("GET", `/control/accepted?provider=sms&after=${after}`);
    expectStatus(answer, 200, "stand-in accepted sends");
    for (const send of answer.body as AcceptedSend[]) {
      after = Math.max(after, send.seq);
      if (send.text.startsWith(`${tag}|`)) accepted.push(send);
    }
    if (accepted.length >= count || Date.now() >= deadline) return accepted;
    await sleep(200);
  }
}

/** As the console sends: a socket request; the outbound worker takes it from there. */
async function sendAgentSms(c: SmsConversation, tag: string, k: number): Promise<boolean> {
  const body = `${tag}|${Date.now()}|${k}|Your parcel left our warehouse today.`;
  return (await ask(c.agent.socket, "message:send", { conversationId: c.id, clientMessageId: randomUUID(), body })).ok;
}

export interface OutboundLatency {
  latency: Summary;
  sent: number;
  accepted: number;
  failedSends: number;
}

/** How long the stand-in takes to answer each provider call from now on. */
export async function setProviderLatency(ms: number): Promise<void> {
  expectStatus(await control("POST", "/control/latency", { ms }), 200, "stand-in latency");
}

/** Agent send -> the stand-in accepted the provider call (wall clock of both processes, ms resolution). */
export async function outboundSmsLatency(conversations: SmsConversation[], rate: number, seconds: number): Promise<OutboundLatency> {
  const tag = `sms-out${Date.now()}`;
  let sent = 0;
  let failedSends = 0;
  await pace({
    rate,
    seconds,
    keyOf: (k) => conversations[k % conversations.length]!.id,
    send: async (k) => {
      if (await sendAgentSms(conversations[k % conversations.length]!, tag, k)) sent += 1;
      else failedSends += 1;
    },
  });
  const accepted = await waitForAccepted(tag, sent);
  const latencies = accepted.map((send) => Date.parse(send.at) - Number(send.text.split("|")[1]));
  await settled(tag);
  return { latency: summarize(latencies), sent, accepted: accepted.length, failedSends };
}

export interface OutboundThroughput {
  sent: number;
  accepted: number;
  failedSends: number;
  perSecond: number;
  apiPerSecond: number;
  seconds: number;
  /** CPU time of each Parley process per accepted text, in ms (where /proc tells). */
  cpuMsPerText?: Record<string, number>;
}

/**
 * A burst of up to `count` agent sends (32 at a time, issued for at most `maxSeconds`) with the provider
 * taking `providerMs` per call; rate = accepted / (last accepted - first send).
 */
export async function outboundSmsThroughput(conversations: SmsConversation[], count: number, providerMs: number, maxSeconds: number): Promise<OutboundThroughput> {
  await setProviderLatency(providerMs);
  const tag = `sms-burst${Date.now()}`;
  let sent = 0;
  let failedSends = 0;
  const started = Date.now();
  try {
    const stopIssuing = started + maxSeconds * 1000;
    await pool(count, 32, async (k) => {
      if (Date.now() > stopIssuing) return;
      if (await sendAgentSms(conversations[k % conversations.length]!, tag, k)) sent += 1;
      else failedSends += 1;
    });
    const apiSeconds = (Date.now() - started) / 1000;
    const accepted = await waitForAccepted(tag, sent);
    const last = accepted.length ? Math.max(...accepted.map((send) => Date.parse(send.at))) : Date.now();
    const seconds = (last - started) / 1000;
    return { sent, accepted: accepted.length, failedSends, perSecond: accepted.length / seconds, apiPerSecond: sent / apiSeconds, seconds };
  } finally {
    await setProviderLatency(0);
    await settled(tag);
  }
}

/**
 * Waits (up to a minute) until the provider has reported every send with this tag as delivered, so the
 * status callbacks still on their way do not run into the next scenario's measurements.
 */
async function settled(tag: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const [row] = await sql<{ open: number }>(`SELECT count(*)::int AS open FROM "Message" WHERE body LIKE $1 AND status IN ('QUEUED', 'SENT')`, `${tag}|%`);
    if (!row || row.open === 0) return;
    await sleep(250);
  }
}
