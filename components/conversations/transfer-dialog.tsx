"use client";

/** Transfer to a colleague or a queue, with an optional note; only offered while the conversation is yours. */
import { useEffect, useRef, useState, type FormEvent } from "react";
import type { Directory } from "@/lib/users/list-directory";
import { api, ApiError } from "@/components/common/api-client";
import { useSocketEvent } from "@/components/realtime/socket-provider";

export function TransferDialog({ conversationId, currentUserId, open, onClose, onDone }: { conversationId: string; currentUserId: string; open: boolean; onClose: () => void; onDone: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [directory, setDirectory] = useState<Directory | null>(null);
  const [target, setTarget] = useState("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (open) {
      dialog.current?.showModal();
      void api<Directory>("/api/v1/directory").then(setDirectory).catch(() => setError("Could not load colleagues and queues."));
    } else dialog.current?.close();
  }, [open]);

  // A colleague who signs in or out while the dialog is open is shown as they are now.
  useSocketEvent("presence:changed", ({ userId, online }) => {
    setDirectory((current) => (current ? { ...current, agents: current.agents.map((agent) => (agent.id === userId ? { ...agent, online } : agent)) } : current));
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const [kind, id] = target.split(":");
    if (!id) return setError("Choose an agent or a queue.");
    try {
      await api(`/api/v1/conversations/${conversationId}/transfer`, { body: { [kind === "user" ? "toUserId" : "toQueueId"]: id, note: note || undefined } });
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "The transfer failed.");
    }
  }

  return (
    <dialog ref={dialog} onClose={onClose} aria-labelledby="transfer-title" className="m-auto w-full max-w-md rounded-lg p-0 backdrop:bg-slate-900/40">
      <form onSubmit={submit} className="space-y-4 p-5">
        <h2 id="transfer-title" className="text-lg font-semibold">Transfer conversation</h2>
        <div>
          <label htmlFor="transfer-target" className="block text-sm font-medium">Transfer to</label>
          <select id="transfer-target" value={target} onChange={(e) => setTarget(e.target.value)} className="mt-1 w-full rounded-md border border-slate-300 px-2 py-2 text-sm">
            <option value="">Choose…</option>
            <optgroup label="Agents">
              {directory?.agents.filter((a) => a.id !== currentUserId).map((a) => (
                <option key={a.id} value={`user:${a.id}`}>{a.name}{a.online ? " (online)" : ""}</option>
              ))}
            </optgroup>
            <optgroup label="Queues">
              {directory?.queues.map((q) => <option key={q.id} value={`queue:${q.id}`}>Queue: {q.name}</option>)}
            </optgroup>
          </select>
        </div>
        <div>
          <label htmlFor="transfer-note" className="block text-sm font-medium">Note for the next agent (optional)</label>
          <textarea id="transfer-note" value={note} onChange={(e) => setNote(e.target.value)} rows={3} className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm" />
        </div>
        {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
        <div className="flex justify-end gap-2">
          <button type="button" onClick={onClose} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">Cancel</button>
          <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white">Transfer</button>
        </div>
      </form>
    </dialog>
  );
}
