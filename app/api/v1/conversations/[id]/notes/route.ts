import { withAuth, json } from "@/lib/http/with-auth";
import { parseJsonBody } from "@/lib/http/respond";
import { addNote, addNoteInputSchema } from "@/lib/notes/add-note";
import { listNotes } from "@/lib/notes/list-notes";

export const GET = withAuth<{ id: string }>(async ({ principal, params }) => json({ items: await listNotes({ principal, conversationId: params.id }) }));

export const POST = withAuth<{ id: string }>(async ({ req, principal, params }) => {
  const { body } = await parseJsonBody(req, addNoteInputSchema);
  return json({ note: await addNote({ principal, conversationId: params.id, body }) }, 201);
});
