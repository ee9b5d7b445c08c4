/**
 * Shared pieces of the outbound (SMS/WhatsApp) tests: the provider stand-in
 * in-process on a random port, an agent with an ACTIVE conversation, the
 * outbound workers (in-process or the real workers process), and reads of
 * what the stand-in received. Import only after tests/support/outbound-env.ts
 * has set this file's environment (vi.hoisted).
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import type { Worker } from "bullmq";
import { afterAll, beforeAll, vi } from "vitest";
import { db } from "@/lib/db";
import { redis } from "@/lib/redis";
import { closeQueues, queue } from "@/lib/queue/queues";
import type { MessageStatus } from "@/lib/generated/prisma/enums";
import { findOrCreateContact } from "@/lib/channels/find-or-create-contact";
import { pickConversation } from "@/lib/conversations/pick-conversation";
import { receiveCustomerMessage } from "@/lib/messages/receive-customer-message";
import { sendAgentMessage } from "@/lib/messages/send-agent-message";
import { createWorkers } from "@/workers/create-workers";
import { createStandIn } from "@/stand-in/app";
import { parseConfig } from "@/stand-in/config";
import type { FailureRuleInput } from "@/stand-in/failures";
import type { AcceptedSend, RequestRecord, WebhookRecord } from "@/stand-in/recorder";
import { channelCenter, SMS_TOKEN, uniqueNumber, WA_SECRET, WA_TOKEN } from "./channels";
import { principalOf } from "./conversations";

export type Center = Awaited<ReturnType<typeof channelCenter>>;
export type StandInHandle = Awaited<ReturnType<typeof startStandIn>>;

/**
 * For the calling test file: the stand-in (and, unless a test starts them itself, in-process workers)
 * before its tests; afterwards the workers stopped, the file's Redis keys dropped and its environment restored.
 */
export function outboundSuite(env: { parleyUrl: string | null; redisPrefix: string; restore: () => Promise<void> }, options: { workers: boolean } = { workers: true }) {
  const suite = { standIn: undefined as unknown as StandInHandle, workers: [] as Worker[] };
  beforeAll(async () => {
    suite.standIn = await startStandIn(env.parleyUrl!);
    if (options.workers) suite.workers = startInProcessWorkers();
  });
  afterAll(async () => {
    await stopAndDropRedis(suite.workers, env.redisPrefix);
    await suite.standIn.close();
    await env.restore();
  });
  return suite;
}
const digits = (phone: string) => phone.replace(/\D/g, "");

/**
 * The stand-in with the credentials of tests/support/channels.ts. Its own
 * sent/delivered callbacks are held back (STATUS_DELAY_MS at its maximum, 10
 * minutes): tests post each status on cue through /control/status, which
 * sends the very same signed callback, so every state can be observed and a
 * crashed send can only be completed by the worker, never by a callback.
 */
export async function startStandIn(parleyUrl?: string) {
  const standIn = createStandIn(parseConfig({ STAND_IN_PORT: "0", PARLEY_URL: parleyUrl, TWILIO_AUTH_TOKEN: SMS_TOKEN, WHATSAPP_ACCESS_TOKEN: WA_TOKEN, WHATSAPP_APP_SECRET: WA_SECRET, STATUS_DELAY_MS: "600000" }));
  await new Promise<void>((resolve) => standIn.server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(standIn.server.address() as AddressInfo).port}`;
  async function control<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
    const response = await fetch(url + path, { method, headers: body === undefined ? {} : { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, json: (await response.json()) as T };
  }
  async function must<T>(method: string, path: string, body?: unknown): Promise<T> {
    const answer = await control<T>(method, path, body);
    if (answer.status >= 300) throw new Error(`stand-in ${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.json)}`);
    return answer.json;
  }
  return {
    url,
    server: standIn.server,
    control,
    /** Queues a failure rule (POST /control/failures). */
    inject: (rule: Partial<FailureRuleInput> & Pick<FailureRuleInput, "provider" | "kind">) => must("POST", "/control/failures", rule),
    latency: (ms: number) => must("POST", "/control/latency", { ms }),
    /** Every provider send request to this number, oldest first, whatever its outcome. */
    requestsTo: async (number: string) =>
      (await must<RequestRecord[]>("GET", "/control/requests")).filter((r) => {
        const body = r.body as { To?: string; to?: string };
        return digits(body.To ?? body.to ?? "") === digits(number);
      }),
    /** The sends the stand-in accepted for this number (replays are not sends). */
    acceptedTo: (number: string) => must<AcceptedSend[]>("GET", `/control/accepted`).then((all) => all.filter((s) => digits(s.to) === digits(number))),
    webhooks: () => must<WebhookRecord[]>("GET", "/control/webhooks"),
    /** Has the stand-in post a status for one of its accepted sends; resolves after Parley answered. */
    status: (provider: "sms" | "whatsapp", providerMessageId: string, status: string) => must<AcceptedSend>("POST", "/control/status", { provider, messageId: providerMessageId, status }),
    close: () => standIn.close(),
  };
}

/**
 * A customer writes in on the SMS or WhatsApp number (through the stand-in's
 * signed inbound webhook when given, else directly) and the agent picks the
 * conversation. reply() is the agent's send.
 */
export async function activeConversation(center: Center, channel: "SMS" | "WHATSAPP", standIn?: StandInHandle) {
  const customer = uniqueNumber();
  const address = channel === "SMS" ? center.sms : center.whatsapp;
  const body = "Hi, where is my order?";
  if (standIn) {
    const posted = channel === "SMS"
      ? await standIn.control<{ status: number }>("POST", "/control/sms/inbound", { from: customer, to: address.address, body })
      : await standIn.control<{ status: number }>("POST", "/control/whatsapp/inbound", { from: customer, to: address.address, phoneNumberId: address.providerAccount, name: "Wanda", body });
    if (posted.json.status !== 200) throw new Error(`Parley answered the inbound webhook with ${JSON.stringify(posted.json)}`);
  } else {
    const contact = await findOrCreateContact(center.company.id, customer, "Wanda");
    await receiveCustomerMessage({ contactId: contact.id, channelAddressId: address.id, body });
  }
  const conversation = await db.conversation.findFirstOrThrow({ where: { channelAddressId: address.id, contact: { phone: customer } }, select: { id: true, contactId: true } });
  const principal = principalOf(center.agent);
  await pickConversation({ principal, conversationId: conversation.id });
  const reply = (input: { body?: string; templateName?: string }) => sendAgentMessage({ principal, conversationId: conversation.id, input: { clientMessageId: randomUUID(), ...input } });
  return { customer, conversationId: conversation.id, contactId: conversation.contactId, principal, reply };
}

export async function waitForStatus(messageId: string, expected: MessageStatus | MessageStatus[], timeout = 10_000) {
  const wanted = [expected].flat();
  return vi.waitFor(
    async () => {
      const row = await db.message.findUniqueOrThrow({ where: { id: messageId } });
      if (!wanted.includes(row.status)) throw new Error(`message ${messageId} is ${row.status}, waiting for ${wanted.join("/")}`);
      return row;
    },
    { timeout, interval: 25 },
  );
}

/** The BullMQ state of a message's send job ("completed" once the handler returned for good). */
export async function jobState(jobId: string): Promise<string | undefined> {
  return (await queue("outbound-messages").getJob(jobId))?.getState();
}

export function startInProcessWorkers(): Worker[] {
  return createWorkers(["outbound-messages"], false);
}

/** Closes the workers and queues of this process and deletes every Redis key under this file's prefix. */
export async function stopAndDropRedis(workers: Worker[], redisPrefix: string): Promise<void> {
  await Promise.all(workers.map((worker) => worker.close()));
  await closeQueues();
  const keys: string[] = [];
  for await (const batch of redis().scanStream({ match: `${redisPrefix}:*`, count: 500 })) keys.push(...(batch as string[]));
  for (let i = 0; i < keys.length; i += 500) await redis().del(...keys.slice(i, i + 500));
}

/** The real workers process (workers/index.ts); a killed one's jobs are taken over after WORKER_LOCK_MS. */
export function spawnWorkers(lockMs = 2000) {
  const child = spawn(process.execPath, ["--import", "tsx", "workers/index.ts"], {
    cwd: fileURLToPath(new URL("../..", import.meta.url)),
    env: { ...process.env, WORKER_LOCK_MS: String(lockMs) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve((exitCode = code))));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`workers never started:\n${output}`)), 20_000);
    const check = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("listening on")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", check);
    child.stderr.on("data", check);
    void exited.then(() => reject(new Error(`workers exited before starting:\n${output}`)));
  });
  return { child, ready, exited, output: () => output, running: () => exitCode === undefined };
}
