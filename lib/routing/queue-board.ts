/** The live queue board: per queue, waiting conversations, the longest wait, and agents online / busy. */
import { db } from "../db";
import type { Principal } from "../auth/principal";
import { onlineUserIds } from "../realtime/presence";

export interface QueueBoardRow {
  id: string;
  name: string;
  mode: "PICK" | "OFFER";
  waiting: number;
  oldestWaitingSince: string | null;
  agents: Array<{ id: string; name: string; online: boolean; activeConversations: number }>;
}

export async function getQueueBoard(options: { principal: Principal }): Promise<QueueBoardRow[]> {
  const companyId = options.principal.companyId;
  const [queues, waiting, active] = await Promise.all([
    db.queue.findMany({ where: { companyId }, orderBy: { name: "asc" }, select: { id: true, name: true, mode: true, members: { select: { user: { select: { id: true, name: true } } } } } }),
    db.conversation.groupBy({ by: ["queueId"], where: { companyId, status: { in: ["WAITING", "OFFERED"] } }, _count: true, _min: { arrivedAt: true } }),
    db.conversation.groupBy({ by: ["assigneeId"], where: { companyId, status: "ACTIVE" }, _count: true }),
  ]);
  const online = await onlineUserIds([...new Set(queues.flatMap((q) => q.members.map((m) => m.user.id)))]);
  const activeByUser = new Map(active.map((row) => [row.assigneeId, row._count]));
  const waitingByQueue = new Map(waiting.map((row) => [row.queueId, row]));
  return queues.map((queue) => {
    const stats = waitingByQueue.get(queue.id);
    return {
      id: queue.id,
      name: queue.name,
      mode: queue.mode,
      waiting: stats?._count ?? 0,
      oldestWaitingSince: stats?._min.arrivedAt?.toISOString() ?? null,
      agents: queue.members
        .map(({ user }) => ({ id: user.id, name: user.name, online: online.has(user.id), activeConversations: activeByUser.get(user.id) ?? 0 }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    };
  });
}
