/**
 * History: ended conversations the user handled (picked, accepted, was
 * transferred, or ended), paged by a cursor on (arrivedAt, id).
 */
import { z } from "zod";
import type { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import type { ConversationEventType } from "../generated/prisma/enums";
import type { Principal } from "../auth/principal";
import { summarySelect, toSummaryDto, type ConversationSummaryDto } from "./dto";

export const historyQuerySchema = z.object({
  order: z.enum(["newest", "oldest"]).default("newest"),
  cursor: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type HistoryQuery = z.infer<typeof historyQuerySchema>;

const HANDLED_EVENTS: ConversationEventType[] = ["PICKED", "ACCEPTED", "TRANSFERRED", "ENDED"];

export interface HistoryPage {
  items: ConversationSummaryDto[];
  nextCursor: string | null;
}

function encodeCursor(row: { arrivedAt: Date; id: string }): string {
  return Buffer.from(`${row.arrivedAt.toISOString()}|${row.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { arrivedAt: Date; id: string } | null {
  const [iso, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const arrivedAt = new Date(iso ?? "");
  return id && !Number.isNaN(arrivedAt.getTime()) ? { arrivedAt, id } : null;
}

export async function listHistory(options: { principal: Principal; query: HistoryQuery }): Promise<HistoryPage> {
  const { principal, query } = options;
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const newest = query.order === "newest";
  const cmp = newest ? "lt" : "gt";
  const handledByMe = {
    OR: [
      { assigneeId: principal.userId },
      { events: { some: { actorId: principal.userId, type: { in: HANDLED_EVENTS } } } },
    ],
  };
  const afterCursor = after
    ? { OR: [{ arrivedAt: { [cmp]: after.arrivedAt } }, { arrivedAt: after.arrivedAt, id: { [cmp]: after.id } }] }
    : {};
  const where: Prisma.ConversationWhereInput = { companyId: principal.companyId, status: "ENDED", AND: [handledByMe, afterCursor] };
  const rows = await db.conversation.findMany({
    where,
    orderBy: [{ arrivedAt: newest ? "desc" : "asc" }, { id: newest ? "desc" : "asc" }],
    take: query.limit + 1,
    select: summarySelect,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return { items: page.map((row) => toSummaryDto(row)), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
}
