/**
 * Redis restarted without persistence (or was flushed) while a reply waited
 * in the queue: the PostgreSQL outbox still holds it QUEUED, the sweep puts
 * the job back, and the provider receives it exactly once.
 */
import { describe, expect, it, vi } from "vitest";

const outboundEnv = await vi.hoisted(async () => (await import("../../support/outbound-env")).prepareOutboundEnv("redis-loss", { webhookServer: true }));

import { db } from "@/lib/db";
import { queue } from "@/lib/queue/queues";
import { requeueStrandedSends } from "@/lib/channels/requeue-stranded-sends";
import { channelCenter } from "../../support/channels";
import { activeConversation, outboundSuite, startInProcessWorkers, waitForStatus } from "../../support/outbound";

const outbound = outboundSuite(outboundEnv, { workers: false });

describe("a queued send whose job Redis lost", () => {
  it("is re-queued from the outbox once and reaches the provider exactly once", async () => {
    const center = await channelCenter({ standInUrl: outbound.standIn.url });
    const chat = await activeConversation(center, "SMS", outbound.standIn);
    const message = await chat.reply({ body: "Sent after Redis came back" });
    expect(await queue("outbound-messages").getJob(message.id)).toBeTruthy();

    // Redis comes back empty: the job is gone, the message is still QUEUED in PostgreSQL.
    await queue("outbound-messages").obliterate({ force: true });
    expect(await queue("outbound-messages").getJob(message.id)).toBeFalsy();
    await db.$executeRaw`UPDATE "Message" SET "updatedAt" = now() - interval '2 minutes' WHERE id = ${message.id}`;

    expect(await requeueStrandedSends({ olderThanMs: 60_000, companyId: center.company.id })).toBe(1);
    // A second sweep finds the job in place and adds nothing.
    expect(await requeueStrandedSends({ olderThanMs: 60_000, companyId: center.company.id })).toBe(0);

    outbound.workers = startInProcessWorkers();
    await waitForStatus(message.id, "SENT");
    const accepted = await outbound.standIn.acceptedTo(chat.customer);
    expect(accepted.map((send) => send.text)).toEqual(["Sent after Redis came back"]);
  }, 30_000);

  it("leaves a recent QUEUED message alone (its job may simply be waiting)", async () => {
    // No worker may send it meanwhile: only the sweep could touch the message.
    await Promise.all(outbound.workers.map((worker) => worker.close()));
    outbound.workers = [];
    const center = await channelCenter({ standInUrl: outbound.standIn.url });
    const chat = await activeConversation(center, "SMS", outbound.standIn);
    const message = await chat.reply({ body: "fresh" });
    const before = await db.message.findUniqueOrThrow({ where: { id: message.id } });
    expect(await requeueStrandedSends({ olderThanMs: 60_000, companyId: center.company.id })).toBe(0);
    const after = await db.message.findUniqueOrThrow({ where: { id: message.id } });
    expect(after.updatedAt).toEqual(before.updatedAt);
  }, 30_000);
});
