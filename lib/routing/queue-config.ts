/**
 * Supervisor configuration of queues: name, pick or offer mode, members, and
 * the inbound addresses (SMS/WhatsApp numbers, web-chat entry points) that
 * route new conversations into them.
 */
import { isUniqueViolation } from "../db-errors";
import { z } from "zod";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import { AppError, notFound } from "../errors";
import type { Principal } from "../auth/principal";
import { publishQueueChanged } from "../realtime/bus";
import { forgetProviderConfigs } from "../channels/provider-config";

export const queueInputSchema = z.object({
  name: z.string().trim().min(1, "Give the queue a name.").max(80),
  mode: z.enum(["PICK", "OFFER"]),
  memberIds: z.array(z.string().min(1)).max(500),
  addressIds: z.array(z.string().min(1)).max(100),
});
export type QueueInput = z.infer<typeof queueInputSchema>;

export interface QueueConfig {
  id: string;
  name: string;
  mode: "PICK" | "OFFER";
  members: Array<{ id: string; name: string }>;
  addresses: Array<{ id: string; channel: string; address: string; label: string }>;
}

const queueSelect = {
  id: true,
  name: true,
  mode: true,
  members: { select: { user: { select: { id: true, name: true } } }, orderBy: { user: { name: "asc" } } },
  addresses: { select: { id: true, channel: true, address: true, label: true }, orderBy: { address: "asc" } },
} as const;

type QueueRow = Prisma.QueueGetPayload<{ select: typeof queueSelect }>;
const toConfig = (row: QueueRow): QueueConfig => ({ id: row.id, name: row.name, mode: row.mode, members: row.members.map((m) => m.user), addresses: row.addresses });

export async function listQueueConfigs(options: { principal: Principal }) {
  const [queues, users, addresses] = await Promise.all([
    db.queue.findMany({ where: { companyId: options.principal.companyId }, orderBy: { name: "asc" }, select: queueSelect }),
    db.user.findMany({ where: { companyId: options.principal.companyId }, orderBy: { name: "asc" }, select: { id: true, name: true, role: true } }),
    db.channelAddress.findMany({ where: { companyId: options.principal.companyId }, orderBy: { address: "asc" }, select: { id: true, channel: true, address: true, label: true, queueId: true } }),
  ]);
  return { queues: queues.map(toConfig), users, addresses };
}

async function assertOwnIds(companyId: string, input: QueueInput): Promise<void> {
  const [users, addresses] = await Promise.all([
    db.user.count({ where: { companyId, id: { in: input.memberIds } } }),
    db.channelAddress.count({ where: { companyId, id: { in: input.addressIds } } }),
  ]);
  if (users !== new Set(input.memberIds).size) throw new AppError("VALIDATION", "Some members are not users of your company.");
  if (addresses !== new Set(input.addressIds).size) throw new AppError("VALIDATION", "Some addresses do not belong to your company.");
}

export async function saveQueue(options: { principal: Principal; queueId?: string; input: QueueInput }): Promise<QueueConfig> {
  const { principal, input } = options;
  const companyId = principal.companyId;
  await assertOwnIds(companyId, input);
  try {
    const row = await db.$transaction(async (tx) => {
      let queueId = options.queueId;
      if (queueId) {
        const { count } = await tx.queue.updateMany({ where: { id: queueId, companyId }, data: { name: input.name, mode: input.mode } });
        if (count === 0) throw notFound("That queue does not exist.");
        await tx.queueMember.deleteMany({ where: { queueId, userId: { notIn: input.memberIds } } });
        await tx.channelAddress.updateMany({ where: { queueId, id: { notIn: input.addressIds } }, data: { queueId: null } });
      } else {
        queueId = (await tx.queue.create({ data: { companyId, name: input.name, mode: input.mode }, select: { id: true } })).id;
      }
      await tx.queueMember.createMany({ data: input.memberIds.map((userId) => ({ queueId: queueId!, userId })), skipDuplicates: true });
      await tx.channelAddress.updateMany({ where: { companyId, id: { in: input.addressIds } }, data: { queueId } });
      return tx.queue.findUniqueOrThrow({ where: { id: queueId }, select: queueSelect });
    });
    publishQueueChanged(companyId, row.id);
    forgetProviderConfigs();
    return toConfig(row);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", `A queue named "${input.name}" already exists.`);
    }
    throw error;
  }
}
