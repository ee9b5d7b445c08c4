/**
 * Transfer to another agent of the company (it lands in their list) or to a
 * queue (it waits in that queue's picklist, or is offered). The optional note
 * is kept as an internal note and in the event log. The customer sees nothing.
 */
import { z } from "zod";
import { db } from "../db";
import { AppError } from "../errors";
import type { Principal } from "../auth/principal";
import { publishAgentEvent, publishQueueChanged } from "../realtime/bus";
import { MAX_NOTE_LENGTH } from "../messages/limits";
import { toNoteDto, noteSelect } from "../notes/note-dto";
import { loadSummary } from "./load-summary";
import { placeInQueue } from "./place-in-queue";
import { requireAssignedToMe } from "./require-assignee";

export const transferInputSchema = z
  .object({
    toUserId: z.string().min(1).optional(),
    toQueueId: z.string().min(1).optional(),
    note: z.string().trim().max(MAX_NOTE_LENGTH).optional(),
  })
  .refine((input) => Boolean(input.toUserId) !== Boolean(input.toQueueId), { message: "Choose either an agent or a queue to transfer to." });
export type TransferInput = z.infer<typeof transferInputSchema>;

export async function transferConversation(options: { principal: Principal; conversationId: string; input: TransferInput }): Promise<void> {
  const { principal, conversationId, input } = options;
  const conversation = await requireAssignedToMe(principal, conversationId);
  const note = input.note?.length ? input.note : null;

  let targetUser: { id: string; name: string } | null = null;
  if (input.toUserId) {
    if (input.toUserId === principal.userId) throw new AppError("VALIDATION", "You already have this conversation. Choose another agent.");
    targetUser = await db.user.findFirst({ where: { id: input.toUserId, companyId: principal.companyId }, select: { id: true, name: true } });
    if (!targetUser) throw new AppError("NOT_FOUND", "That agent does not exist in your company.");
  }
  const targetQueue = input.toQueueId
    ? await db.queue.findFirst({ where: { id: input.toQueueId, companyId: principal.companyId }, select: { id: true, name: true } })
    : null;
  if (input.toQueueId && !targetQueue) throw new AppError("NOT_FOUND", "That queue does not exist in your company.");

  const now = new Date();
  const createdNote = await db.$transaction(async (tx) => {
    const { count } = await tx.conversation.updateMany({
      where: { id: conversationId, status: "ACTIVE", assigneeId: principal.userId },
      data: targetUser
        ? { assigneeId: targetUser.id, pickedAt: now }
        : { status: "WAITING", assigneeId: null, pickedAt: null, queueId: targetQueue!.id },
    });
    if (count === 0) throw new AppError("CONFLICT", "This conversation changed while you were transferring it. Reload and try again.");
    await tx.conversationEvent.create({
      data: { conversationId, type: "TRANSFERRED", actorId: principal.userId, targetUserId: targetUser?.id ?? null, targetQueueId: targetQueue?.id ?? null, note, createdAt: now },
    });
    if (!note) return null;
    const target = targetUser?.name ?? `queue ${targetQueue!.name}`;
    return tx.note.create({ data: { conversationId, authorId: principal.userId, body: `Transferred to ${target}: ${note}` }, select: noteSelect });
  });

  publishAgentEvent("conversation:unassigned", { userId: principal.userId, conversationId, reason: "transferred" });
  if (createdNote) publishAgentEvent("note:created", { note: toNoteDto(createdNote) });
  if (targetUser) {
    publishAgentEvent("conversation:assigned", { userId: targetUser.id, conversation: await loadSummary(conversationId, targetUser.id) });
  } else {
    await placeInQueue(conversationId);
  }
  publishQueueChanged(principal.companyId, conversation.queueId);
}
