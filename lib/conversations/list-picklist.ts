import { db } from "../db";
import type { Principal } from "../auth/principal";
import { summarySelect, toPicklistItem, toSummaryDto, type PicklistItemDto } from "./dto";

/** Waiting conversations of the queues the user belongs to, oldest first (longest wait on top). */
export async function listPicklist(options: { principal: Principal }): Promise<PicklistItemDto[]> {
  const rows = await db.conversation.findMany({
    where: { companyId: options.principal.companyId, status: "WAITING", queue: { members: { some: { userId: options.principal.userId } } } },
    orderBy: { arrivedAt: "asc" },
    take: 500,
    select: summarySelect,
  });
  return rows.map((row) => toPicklistItem(toSummaryDto(row)));
}
