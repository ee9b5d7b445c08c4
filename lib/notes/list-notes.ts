import { db } from "../db";
import type { Principal } from "../auth/principal";
import { findVisibleConversation } from "../conversations/access";
import type { NoteDto } from "../conversations/dto";
import { noteSelect, toNoteDto } from "./note-dto";

/** Notes of a conversation, newest first. */
export async function listNotes(options: { principal: Principal; conversationId: string }): Promise<NoteDto[]> {
  await findVisibleConversation(options.principal, options.conversationId, { id: true });
  const rows = await db.note.findMany({ where: { conversationId: options.conversationId }, orderBy: { createdAt: "desc" }, select: noteSelect, take: 200 });
  return rows.map(toNoteDto);
}
