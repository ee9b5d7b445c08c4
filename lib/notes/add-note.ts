/** Internal notes: for agents only. They are published to the conversation's agent room and nowhere else. */
import { z } from "zod";
import { db } from "../db";
import type { Principal } from "../auth/principal";
import { publishAgentEvent } from "../realtime/bus";
import { findVisibleConversation } from "../conversations/access";
import type { NoteDto } from "../conversations/dto";
import { MAX_NOTE_LENGTH } from "../messages/limits";
import { noteSelect, toNoteDto } from "./note-dto";

export const addNoteInputSchema = z.object({
  body: z.string().trim().min(1, "Write something in the note.").max(MAX_NOTE_LENGTH, `A note can be at most ${MAX_NOTE_LENGTH} characters.`),
});

export async function addNote(options: { principal: Principal; conversationId: string; body: string }): Promise<NoteDto> {
  const { principal, conversationId, body } = options;
  await findVisibleConversation(principal, conversationId, { id: true });
  const row = await db.note.create({ data: { conversationId, authorId: principal.userId, body }, select: noteSelect });
  const note = toNoteDto(row);
  publishAgentEvent("note:created", { note });
  return note;
}
