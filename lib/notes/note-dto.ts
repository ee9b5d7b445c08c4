import type { NoteDto } from "../conversations/dto";

export const noteSelect = {
  id: true,
  conversationId: true,
  body: true,
  authorId: true,
  createdAt: true,
  author: { select: { name: true } },
} as const;

export function toNoteDto(row: { id: string; conversationId: string; body: string; authorId: string; createdAt: Date; author: { name: string } }): NoteDto {
  return { id: row.id, conversationId: row.conversationId, body: row.body, authorId: row.authorId, authorName: row.author.name, createdAt: row.createdAt.toISOString() };
}
