/** Colleagues and queues of the caller's company: the targets of a transfer. */
import { db } from "../db";
import type { Principal } from "../auth/principal";
import { onlineUserIds } from "../realtime/presence";

export interface Directory {
  agents: Array<{ id: string; name: string; role: string; online: boolean }>;
  queues: Array<{ id: string; name: string }>;
}

export async function listDirectory(options: { principal: Principal }): Promise<Directory> {
  const { companyId } = options.principal;
  const [users, queues] = await Promise.all([
    db.user.findMany({ where: { companyId }, orderBy: { name: "asc" }, select: { id: true, name: true, role: true } }),
    db.queue.findMany({ where: { companyId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  const online = await onlineUserIds(users.map((u) => u.id));
  return { agents: users.map((u) => ({ ...u, online: online.has(u.id) })), queues };
}
