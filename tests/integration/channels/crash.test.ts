/**
 * Crash safety of the outbound worker, with the real workers process
 * (workers/index.ts, WORKER_LOCK_MS=2000 so a dead worker's job is taken over
 * after about 2 s) sending to the provider stand-in. Whenever the worker dies,
 * the provider must end up with exactly one accepted send per message (a
 * repeated request carries the same Idempotency-Key and is answered as a
 * replay) and the message must end SENT.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { connect, createServer as createNetServer, type AddressInfo, type Socket } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

const outboundEnv = await vi.hoisted(async () => (await import("../../support/outbound-env")).prepareOutboundEnv("crash", { webhookServer: false }));

import { db } from "@/lib/db";
import { channelCenter } from "../../support/channels";
import { activeConversation, jobState, spawnWorkers, startStandIn, stopAndDropRedis, waitForStatus, type StandInHandle } from "../../support/outbound";

type WorkersProcess = ReturnType<typeof spawnWorkers>;
let standIn: StandInHandle;
const spawned: WorkersProcess[] = [];

function startWorkers(): WorkersProcess {
  const workers = spawnWorkers(2000);
  spawned.push(workers);
  return workers;
}

beforeAll(async () => {
  standIn = await startStandIn();
});

/** No workers process outlives its test (a failed test included): the next test's jobs must reach only its own. */
afterEach(async () => {
  for (const workers of spawned) if (workers.running()) workers.child.kill("SIGKILL");
  await Promise.all(spawned.map((workers) => workers.exited));
  await standIn.latency(0);
});

afterAll(async () => {
  await stopAndDropRedis([], outboundEnv.redisPrefix);
  await standIn.close();
  await outboundEnv.restore();
});

/** SIGKILLs the workers process the moment the stand-in has written its answer to this send (before Parley can commit it). */
function killWhenAnswered(idempotencyKey: string, workers: WorkersProcess): () => void {
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    if (req.headers["idempotency-key"] === idempotencyKey) res.once("finish", () => workers.child.kill("SIGKILL"));
  };
  standIn.server.prependListener("request", listener);
  return () => standIn.server.off("request", listener);
}

/**
 * A TCP hop in front of the stand-in. While holding, it accepts connections
 * but passes no byte on: the worker's call has started, the provider has seen
 * nothing. Otherwise it pipes both ways.
 */
async function startGate(target: string) {
  let holding = true;
  const held = new Set<Socket>();
  const all = new Set<Socket>();
  const server = createNetServer((client) => {
    client.on("error", () => undefined);
    all.add(client);
    if (holding) {
      held.add(client);
      return;
    }
    const upstream = connect(Number(new URL(target).port), "127.0.0.1");
    upstream.on("error", () => client.destroy());
    client.on("close", () => upstream.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held: () => held.size,
    open: () => {
      holding = false;
      held.forEach((socket) => socket.destroy());
    },
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      all.forEach((socket) => socket.destroy());
    }),
  };
}

const messageRow = (id: string) => db.message.findUniqueOrThrow({ where: { id } });

async function crashAndRecover(moment: "before" | "during" | "after") {
  const center = await channelCenter({ standInUrl: standIn.url });
  // before: the number talks to the stand-in through a gate, which holds the worker's call.
  const gate = moment === "before" ? await startGate(standIn.url) : null;
  if (gate) await db.channelAddress.update({ where: { id: center.sms.id }, data: { providerBaseUrl: gate.url } });
  const chat = await activeConversation(center, "SMS");
  // during: the stand-in accepts the send, then holds the answer for 2 s; the worker dies waiting for it.
  if (moment === "during") await standIn.inject({ provider: "sms", kind: "slow", delayMs: 2000, to: chat.customer });
  const first = startWorkers();
  await first.ready;

  const message = await chat.reply({ body: `Crash ${moment} the provider call` });
  const stopWatching = moment === "after" ? killWhenAnswered(message.id, first) : () => {};
  if (gate) {
    await vi.waitFor(() => expect(gate.held()).toBe(1), { timeout: 10_000, interval: 5 });
    first.child.kill("SIGKILL");
  } else {
    await vi.waitFor(async () => expect(await standIn.acceptedTo(chat.customer)).toHaveLength(1), { timeout: 10_000, interval: 5 });
    if (moment === "during") first.child.kill("SIGKILL");
  }
  await first.exited;
  stopWatching();
  gate?.open();
  const atCrash = await messageRow(message.id);
  if (moment !== "after") {
    expect(atCrash).toMatchObject({ status: "QUEUED", providerMessageId: null });
    expect(await jobState(message.id)).toBe("active");
  }
  if (moment === "before") expect(await standIn.requestsTo(chat.customer)).toEqual([]);

  const second = startWorkers();
  await second.ready;
  const final = await waitForStatus(message.id, ["SENT", "DELIVERED"], 25_000);
  const accepted = await standIn.acceptedTo(chat.customer);
  expect(accepted).toHaveLength(1);
  expect(accepted[0]).toMatchObject({ idempotencyKey: message.id, text: `Crash ${moment} the provider call` });
  expect(final.providerMessageId).toBe(accepted[0]!.messageId);
  const requests = await standIn.requestsTo(chat.customer);
  expect(requests.every((r) => r.idempotencyKey === message.id)).toBe(true);
  // A repeated call is answered as a replay of the first: never a second SMS.
  expect(requests.map((r) => r.outcome)).toEqual(atCrash.status === "QUEUED" && moment !== "before" ? ["accepted", "replayed"] : ["accepted"]);
  // When the first worker recorded SENT just before it died, its job is still active until the second worker takes it
  // over: the dead worker's lock (2 s) has to expire and the next stalled-job check (every 1 s) to find it.
  await vi.waitFor(async () => expect(await jobState(message.id)).toBe("completed"), { timeout: 10_000, interval: 50 });
  await gate?.close();

  second.child.kill("SIGTERM");
  expect(await second.exited).toBe(0);
}

describe("SIGKILL of the workers process", () => {
  it("before the call reached the provider (held on its way): sent once, message SENT", () => crashAndRecover("before"), 40_000);
  it("during the provider call (accepted, answer not yet back): sent once, message SENT", () => crashAndRecover("during"), 40_000);
  it("right after the provider answered, before Parley could record it: sent once, message SENT", () => crashAndRecover("after"), 40_000);
});

describe("SIGTERM of the workers process", () => {
  it("graceful shutdown loses nothing: 20 queued sends all end SENT, each accepted exactly once", async () => {
    const center = await channelCenter({ standInUrl: standIn.url });
    // 5 sends a second on this number and 300 ms per provider call: the 20 sends take about 4 s.
    await db.channelAddress.update({ where: { id: center.sms.id }, data: { sendRatePerSecond: 5 } });
    const chat = await activeConversation(center, "SMS");
    await standIn.latency(300);
    const first = startWorkers();
    await first.ready;
    const messages = [];
    for (let i = 1; i <= 20; i++) messages.push(await chat.reply({ body: `Update ${i} of 20` }));

    await vi.waitFor(async () => expect((await standIn.acceptedTo(chat.customer)).length).toBeGreaterThanOrEqual(3), { timeout: 15_000, interval: 20 });
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    const ids = messages.map((m) => m.id);
    const sentByFirst = await db.message.count({ where: { id: { in: ids }, status: "SENT" } });
    expect(sentByFirst).toBeGreaterThanOrEqual(3);
    expect(sentByFirst).toBeLessThan(20);
    // Nothing was left half-done: every send the provider accepted was recorded before the process exited.
    expect((await standIn.acceptedTo(chat.customer)).length).toBe(sentByFirst);

    const second = startWorkers();
    await second.ready;
    await vi.waitFor(async () => expect(await db.message.count({ where: { id: { in: ids }, status: "SENT" } })).toBe(20), { timeout: 30_000, interval: 100 });
    const accepted = await standIn.acceptedTo(chat.customer);
    expect(accepted.map((s) => s.idempotencyKey).sort()).toEqual([...ids].sort());
    expect((await standIn.requestsTo(chat.customer)).map((r) => r.outcome)).toEqual(Array(20).fill("accepted"));
    await standIn.latency(0);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  }, 60_000);
});
