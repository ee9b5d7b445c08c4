"use client";

/** Supervisors edit a queue: name, pick or offer mode, members and inbound addresses. */
import { useState, type FormEvent } from "react";
import type { QueueConfig } from "@/lib/routing/queue-config";
import { api, ApiError } from "@/components/common/api-client";

interface Options {
  users: Array<{ id: string; name: string; role: string }>;
  addresses: Array<{ id: string; channel: string; address: string; label: string; queueId: string | null }>;
}

export function QueueEditor({ queue, options, onSaved }: { queue: QueueConfig | null; options: Options; onSaved: (queue: QueueConfig) => void }) {
  const [name, setName] = useState(queue?.name ?? "");
  const [mode, setMode] = useState<"PICK" | "OFFER">(queue?.mode ?? "PICK");
  const [members, setMembers] = useState(new Set(queue?.members.map((m) => m.id) ?? []));
  const [addresses, setAddresses] = useState(new Set(queue?.addresses.map((a) => a.id) ?? []));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const idPrefix = queue?.id ?? "new";

  const toggle = (set: Set<string>, id: string, update: (next: Set<string>) => void) => {
    const next = new Set(set);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    update(next);
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setSaved(false);
    try {
      const body = { name, mode, memberIds: [...members], addressIds: [...addresses] };
      const result = await api<{ queue: QueueConfig }>(queue ? `/api/v1/queues/${queue.id}` : "/api/v1/queues", { method: queue ? "PUT" : "POST", body });
      onSaved(result.queue);
      setSaved(true);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not save the queue.");
    }
  }

  return (
    <form onSubmit={save} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-label={queue ? `Queue ${queue.name}` : "New queue"}>
      <div className="flex flex-wrap gap-4">
        <div>
          <label htmlFor={`${idPrefix}-name`} className="block text-sm font-medium">Name</label>
          <input id={`${idPrefix}-name`} value={name} onChange={(e) => setName(e.target.value)} className="mt-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm" />
        </div>
        <fieldset>
          <legend className="text-sm font-medium">Distribution</legend>
          <div className="mt-1 flex gap-3 text-sm">
            <label><input type="radio" name={`${idPrefix}-mode`} checked={mode === "PICK"} onChange={() => setMode("PICK")} /> Pick (agents choose)</label>
            <label><input type="radio" name={`${idPrefix}-mode`} checked={mode === "OFFER"} onChange={() => setMode("OFFER")} /> Offer (one agent at a time)</label>
          </div>
        </fieldset>
      </div>
      <fieldset>
        <legend className="text-sm font-medium">Members</legend>
        <div className="mt-1 flex flex-wrap gap-3 text-sm">
          {options.users.map((u) => (
            <label key={u.id}><input type="checkbox" checked={members.has(u.id)} onChange={() => toggle(members, u.id, setMembers)} /> {u.name}</label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend className="text-sm font-medium">Inbound addresses</legend>
        <div className="mt-1 flex flex-wrap gap-3 text-sm">
          {options.addresses.map((a) => (
            <label key={a.id}><input type="checkbox" checked={addresses.has(a.id)} onChange={() => toggle(addresses, a.id, setAddresses)} /> {a.label} ({a.address})</label>
          ))}
        </div>
      </fieldset>
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
      {saved ? <p role="status" className="text-sm text-emerald-700">Saved.</p> : null}
      <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white">{queue ? "Save queue" : "Create queue"}</button>
    </form>
  );
}
