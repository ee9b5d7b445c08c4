/**
 * Scenario 3's burst reference: the least a BullMQ worker can do for a text and still send it. B3's job, except
 * that each job makes one Twilio-format POST to the stand-in, which takes the burst's 50 ms to answer, with the
 * same HTTP client as Parley's sends. No database, no sockets, no status callbacks, no agent's request before it.
 * Run at Parley's outbound concurrency (64) and at 512, where the provider's 50 ms no longer bounds the rate.
 * Not a target: it tells a reader how much of B3's jobs/s any worker that calls a provider reaches on this machine.
 */
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import { callProvider } from "../../lib/channels/http";
import { waitForAccepted, setProviderLatency, type AcceptedSend } from "../scenarios/sms";
import { STAND_IN_URL } from "../stack";
import { pool } from "../stats";

export interface BurstCeilingRun {
  concurrency: number;
  jobs: number;
  accepted: number;
  /** Provider calls that did not answer 201. */
  refused: number;
  perSecond: number;
}

export interface SmsAccount {
  account: string;
  secret: string;
  from: string;
}

export async function burstCeiling(redisUrl: string, prefix: string, sms: SmsAccount, jobs: number, providerMs: number, concurrencies: number[]): Promise<BurstCeilingRun[]> {
  const runs: BurstCeilingRun[] = [];
  await setProviderLatency(providerMs);
  try {
    for (const concurrency of concurrencies) runs.push(await burstOnce(redisUrl, prefix, sms, jobs, concurrency));
  } finally {
    await setProviderLatency(0);
  }
  return runs;
}

async function burstOnce(redisUrl: string, prefix: string, sms: SmsAccount, jobs: number, concurrency: number): Promise<BurstCeilingRun> {
  const connection = () => new Redis(redisUrl, { maxRetriesPerRequest: null });
  const name = "bench-burst-ceiling";
  const fullPrefix = `${prefix}:bull-ceiling`;
  const url = `${STAND_IN_URL}/2010-04-01/Accounts/${encodeURIComponent(sms.account)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${sms.account}:${sms.secret}`).toString("base64")}`;
  const tag = `ceiling-burst${Date.now()}-${concurrency}`;
  let refused = 0;
  const queue = new Queue(name, { connection: connection(), prefix: fullPrefix });
  const worker = new Worker(
    name,
    async (job) => {
      const { to, body } = job.data as { to: string; body: string };
      const answer = await callProvider(url, {
        method: "POST",
        headers: { Authorization: authorization, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ To: to, From: sms.from, Body: body }),
      });
      if (!answer.ok || answer.status !== 201) refused += 1;
    },
    { connection: connection(), prefix: fullPrefix, concurrency },
  );
  try {
    await worker.waitUntilReady();
    const started = Date.now();
    await pool(Math.ceil(jobs / 500), 4, async (batch) => {
      const size = Math.min(500, jobs - batch * 500);
      await queue.addBulk(
        Array.from({ length: size }, (_, j) => {
          const k = batch * 500 + j;
          // Numbers the stand-in accepts (it refuses those ending 0000 or 9999).
          const to = `+1555031${String(1000 + (k % 8000)).padStart(4, "0")}`;
          return { name: "send", data: { to, body: `${tag}|${k}|Your parcel left our warehouse today.` }, opts: { removeOnComplete: true } };
        }),
      );
    });
    const accepted: AcceptedSend[] = await waitForAccepted(tag, jobs);
    const last = accepted.length ? Math.max(...accepted.map((send) => Date.parse(send.at))) : Date.now();
    return { concurrency, jobs, accepted: accepted.length, refused, perSecond: accepted.length / Math.max((last - started) / 1000, 0.001) };
  } finally {
    await worker.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
}
