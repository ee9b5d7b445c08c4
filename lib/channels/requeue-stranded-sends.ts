/**
 * The outbox is PostgreSQL: a message stays QUEUED until a worker records
 * the provider's answer. If Redis lost the job (a restart without
 * persistence, a flush), this puts it back. Job id = message id, so a job
 * that still exists is not added twice, and the worker's idempotency key
 * keeps the provider from sending twice.
 */
import { db } from "../db";
import { enqueue } from "../queue/jobs";
import { queue } from "../queue/queues";

/** companyId narrows the sweep to one company (the workers process sweeps all). */
export async function requeueStrandedSends(options: { olderThanMs: number; companyId?: string }): Promise<number> {
  const stranded = await db.message.findMany({
    where: { status: "QUEUED", direction: { not: "INBOUND" }, updatedAt: { lt: new Date(Date.now() - options.olderThanMs) }, conversation: { channel: { not: "WEBCHAT" }, ...(options.companyId ? { companyId: options.companyId } : {}) } },
    select: { id: true, retryCount: true },
    take: 1000,
  });
  let requeued = 0;
  for (const message of stranded) {
    const jobId = message.retryCount === 0 ? message.id : `${message.id}-retry-${message.retryCount}`;
    const job = await queue("outbound-messages").getJob(jobId);
    if (job) {
      const state = await job.getState();
      // A waiting, delayed or running job will send it; a finished one left the message QUEUED (e.g. the database was down), so run it again.
      if (state !== "completed" && state !== "failed") continue;
      await job.remove();
    }
    await enqueue("outboundSend", { messageId: message.id }, { jobId });
    requeued += 1;
  }
  return requeued + (await requeueStrandedRoomDeliveries(options));
}

/** The same for group-SMS deliveries of widget conversations (job id = delivery id). */
async function requeueStrandedRoomDeliveries(options: { olderThanMs: number; companyId?: string }): Promise<number> {
  const stranded = await db.roomDelivery.findMany({
    where: { status: "QUEUED", updatedAt: { lt: new Date(Date.now() - options.olderThanMs) }, ...(options.companyId ? { message: { room: { companyId: options.companyId } } } : {}) },
    select: { id: true },
    take: 1000,
  });
  let requeued = 0;
  for (const delivery of stranded) {
    const job = await queue("outbound-messages").getJob(delivery.id);
    if (job) {
      const state = await job.getState();
      if (state !== "completed" && state !== "failed") continue;
      await job.remove();
    }
    await enqueue("roomSmsSend", { deliveryId: delivery.id }, { jobId: delivery.id });
    requeued += 1;
  }
  return requeued;
}
