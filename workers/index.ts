/**
 * The workers process. On SIGTERM/SIGINT it stops taking jobs, lets the ones
 * in flight finish (BullMQ returns unfinished ones to the queue), closes its
 * connections and exits 0.
 */
import "../lib/eager-optimization";
import { env } from "../lib/env";
import { db } from "../lib/db";
import { redis } from "../lib/redis";
import { closeQueues, QUEUE_NAMES } from "../lib/queue/queues";
import { createWorkers } from "./create-workers";
import { requeueStrandedSends } from "../lib/channels/requeue-stranded-sends";

const workers = createWorkers();

// Sends whose job Redis lost (restart without persistence) are put back from the PostgreSQL outbox.
const SWEEP_EVERY_MS = 30_000;
const sweep = () => requeueStrandedSends({ olderThanMs: 60_000 }).then((n) => n && console.log(`[parley-workers] re-queued ${n} stranded send(s)`)).catch((error) => console.error("[parley-workers] outbox sweep failed:", error instanceof Error ? error.message : error));
const sweeper = setInterval(() => void sweep(), SWEEP_EVERY_MS);
void sweep();

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`[parley-workers] ${signal}: finishing jobs in flight`);
  clearInterval(sweeper);
  await Promise.all(workers.map((worker) => worker.close()));
  await closeQueues();
  await redis().quit().catch(() => undefined);
  await db.$disconnect();
  console.log("[parley-workers] stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
// Announced only once the signal handlers are in place: a supervisor may send SIGTERM as soon as it reads this line.
console.log(`[parley-workers] listening on ${QUEUE_NAMES.join(", ")} (${env.NODE_ENV})`);
