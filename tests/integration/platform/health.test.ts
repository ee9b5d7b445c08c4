import { afterAll, describe, expect, it } from "vitest";
import { Worker } from "bullmq";
import { checkHealth } from "@/lib/health/check-health";
import { createRedis } from "@/lib/redis";
import { bullPrefix, QUEUE_NAMES } from "@/lib/queue/queues";

const workers: Worker[] = [];
afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.close()));
});

describe("health", () => {
  it("reports PostgreSQL and Redis up", async () => {
    const report = await checkHealth();
    expect(report.checks.postgres.ok).toBe(true);
    expect(report.checks.redis.ok).toBe(true);
  });

  it("names a queue as down while no worker listens, and up once one does", async () => {
    const before = await checkHealth();
    const queueName = QUEUE_NAMES[0];
    if (before.checks.queues[queueName]?.ok === false) {
      expect(before.ok).toBe(false);
      expect(before.down).toContain(`queue:${queueName}`);
    }
    for (const name of QUEUE_NAMES) {
      const worker = new Worker(name, async () => undefined, { connection: createRedis(), prefix: bullPrefix(), autorun: true });
      await worker.waitUntilReady();
      workers.push(worker);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = await checkHealth();
    expect(after.down).toEqual([]);
    expect(after.ok).toBe(true);
  });
});
