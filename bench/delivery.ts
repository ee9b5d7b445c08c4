/**
 * Message load and its bookkeeping: a paced sender (messages per second for
 * a time, sends within one conversation one after another as a client would)
 * and a tracker of what arrived where: latency from the send (timestamp in
 * the body) to receipt, lost, duplicated and out-of-order messages (by the
 * conversation's sequence numbers).
 */
import { nowMs, sleep, summarize, waitFor, type Summary } from "./stats";

export interface Delivered {
  id: string;
  conversationId: string;
  seq: number;
  body: string;
}

export interface DeliveryResult {
  sent: number;
  failedSends: number;
  received: number;
  lost: number;
  duplicated: number;
  outOfOrder: number;
  latency: Summary;
  /** Sends issued per second over the run (the generator may fall behind the asked rate). */
  achievedRate: number;
}

export function stamp(tag: string, k: number): string {
  return `${tag}|${nowMs().toFixed(3)}|${k}|Where is my order? It should have arrived yesterday.`;
}

function sentAt(tag: string, body: string): number | null {
  if (!body.startsWith(`${tag}|`)) return null;
  const at = Number(body.split("|")[1]);
  return Number.isFinite(at) ? at : null;
}

export class DeliveryTracker {
  readonly acked = new Set<string>();
  private readonly counts = new Map<string, number>();
  private readonly lastSeq = new Map<string, number>();
  private readonly latencies: number[] = [];
  failedSends = 0;
  duplicated = 0;
  outOfOrder = 0;

  constructor(readonly tag: string) {}

  /** A receiver saw a message (live). Receivers are keyed so two clients of one conversation are checked apart. */
  receive(message: Delivered, receiver = "", at = nowMs()): void {
    const started = sentAt(this.tag, message.body);
    if (started === null) return;
    const key = `${receiver}:${message.id}`;
    // 0 marks a message first seen through a re-read: its live copy is merged by id, not a duplicate.
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    if (count > 1) {
      this.duplicated += 1;
      return;
    }
    const orderKey = `${receiver}:${message.conversationId}`;
    if (message.seq <= (this.lastSeq.get(orderKey) ?? 0)) this.outOfOrder += 1;
    else this.lastSeq.set(orderKey, message.seq);
    this.latencies.push(at - started);
  }

  /** Records a message filled in by a re-read (not live): it counts as received, without a latency. */
  fill(message: Delivered, receiver = ""): void {
    if (sentAt(this.tag, message.body) === null) return;
    const key = `${receiver}:${message.id}`;
    if (!this.counts.has(key)) this.counts.set(key, 0);
  }

  has(id: string, receiver = ""): boolean {
    return this.counts.has(`${receiver}:${id}`);
  }

  async settle(receiverOf: (id: string) => string, graceMs: number): Promise<void> {
    await waitFor(() => [...this.acked].every((id) => this.has(id, receiverOf(id))), graceMs, 25);
  }

  result(receiverOf: (id: string) => string, achievedRate: number): DeliveryResult {
    const lost = [...this.acked].filter((id) => !this.has(id, receiverOf(id))).length;
    return {
      sent: this.acked.size,
      failedSends: this.failedSends,
      received: this.acked.size - lost,
      lost,
      duplicated: this.duplicated,
      outOfOrder: this.outOfOrder,
      latency: summarize(this.latencies),
      achievedRate,
    };
  }
}

/**
 * Calls send(k) `rate` times per second for `seconds`, chaining sends that share
 * a key (a conversation) so each client sends one message at a time. Bounded
 * in count and time; returns the rate actually issued.
 */
export async function pace(options: { rate: number; seconds: number; keyOf: (k: number) => string; send: (k: number) => Promise<void>; maxInFlight?: number }): Promise<number> {
  const { rate, seconds, keyOf, send } = options;
  const total = Math.round(rate * seconds);
  const maxInFlight = options.maxInFlight ?? 2000;
  const chains = new Map<string, Promise<void>>();
  const pending = new Set<Promise<void>>();
  const started = nowMs();
  let issued = 0;
  while (issued < total && nowMs() - started < seconds * 1000 + 2000) {
    const due = Math.min(total, Math.floor(((nowMs() - started) / 1000) * rate));
    while (issued < due && pending.size < maxInFlight) {
      const k = issued++;
      const key = keyOf(k);
      const next = (chains.get(key) ?? Promise.resolve()).then(() => send(k)).catch(() => undefined);
      chains.set(key, next);
      pending.add(next);
      void next.finally(() => pending.delete(next));
    }
    await sleep(2);
  }
  const elapsed = (nowMs() - started) / 1000;
  const deadline = Date.now() + 30_000;
  while (pending.size > 0 && Date.now() < deadline) await sleep(10);
  return issued / elapsed;
}
