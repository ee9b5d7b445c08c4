"use client";

/** Internal notes: newest on top, live for everyone viewing the conversation, never shown to the customer. */
import { LocalTime } from "@/components/common/local-time";
import { useState, type FormEvent } from "react";
import type { NoteDto } from "@/lib/conversations/dto";
import { api, ApiError } from "@/components/common/api-client";
import { useOnConnect, useSocketEvent } from "@/components/realtime/socket-provider";

export function NotePanel({ conversationId, initialNotes, canWrite }: { conversationId: string; initialNotes: NoteDto[]; canWrite: boolean }) {
  const [notes, setNotes] = useState(initialNotes);
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);

  const add = (note: NoteDto) => setNotes((list) => (list.some((n) => n.id === note.id) ? list : [note, ...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt))));
  useSocketEvent("note:created", ({ note }) => {
    if (note.conversationId === conversationId) add(note);
  });
  useOnConnect(() => {
    void api<{ items: NoteDto[] }>(`/api/v1/conversations/${conversationId}/notes`).then(({ items }) => setNotes(items)).catch(() => undefined);
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const { note } = await api<{ note: NoteDto }>(`/api/v1/conversations/${conversationId}/notes`, { body: { body: draft } });
      add(note);
      setDraft("");
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not save the note.");
    }
  }

  return (
    <section aria-labelledby="notes-heading" className="flex min-h-0 flex-col">
      <h2 id="notes-heading" className="text-sm font-semibold">Internal notes <span className="font-normal text-slate-500">(never shown to the customer)</span></h2>
      {canWrite ? (
        <form onSubmit={submit} className="mt-2 space-y-2">
          <label htmlFor="note-draft" className="sr-only">New note</label>
          <textarea id="note-draft" value={draft} onChange={(e) => setDraft(e.target.value)} rows={2} placeholder="Add a note for your colleagues…"
            className="w-full rounded-md border border-amber-300 bg-amber-50 px-2 py-1.5 text-sm" />
          {error ? <p role="alert" className="text-xs text-red-700">{error}</p> : null}
          <button type="submit" disabled={!draft.trim()} className="rounded-md bg-amber-600 px-3 py-1 text-sm font-medium text-white disabled:opacity-50">Add note</button>
        </form>
      ) : null}
      <ul className="mt-3 space-y-2 overflow-y-auto" aria-label="Notes">
        {notes.map((note) => (
          <li key={note.id} className="rounded-md bg-amber-50 px-3 py-2 text-sm ring-1 ring-amber-200" data-testid="note">
            <p className="whitespace-pre-wrap break-words">{note.body}</p>
            <p className="mt-1 text-[11px] text-slate-500">{note.authorName} · <LocalTime iso={note.createdAt} pattern="d MMM HH:mm" /></p>
          </li>
        ))}
        {notes.length === 0 ? <li className="text-xs text-slate-500">No notes yet.</li> : null}
      </ul>
    </section>
  );
}
