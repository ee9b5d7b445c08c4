"use client";

/**
 * One number's settings. Secrets are never shown back: leave them blank to
 * keep the stored value. SMS numbers also say who they are assigned to
 * (saved through PUT /api/v1/numbers/{id}/users after the number itself).
 */
import { useState, type FormEvent } from "react";
import type { NumberConfigDto } from "@/lib/channels/number-config";
import { api, ApiError } from "@/components/common/api-client";

const field = "mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm";

type Option = { id: string; name: string };

const sameIds = (a: string[], b: string[]) => a.length === b.length && a.every((id) => b.includes(id));

function AssignedSummary({ users }: { users: NumberConfigDto["assignedUsers"] }) {
  return (
    <p className="text-sm text-slate-600 sm:col-span-3" data-testid="assigned-to">
      {users.length > 0 ? <>Assigned to <span className="font-medium text-slate-900">{users.map((u) => u.name).join(", ")}</span>.</> : "Not assigned to anyone: nobody can text or call from this number in the widget."}
    </p>
  );
}

function AssigneePicker({ users, selected, onChange }: { users: Option[]; selected: string[]; onChange: (ids: string[]) => void }) {
  return (
    <fieldset className="sm:col-span-3">
      <legend className="text-sm font-medium">Assigned to</legend>
      <div className="mt-1 flex max-h-40 flex-wrap gap-x-4 gap-y-1 overflow-y-auto rounded-md border border-slate-300 px-2 py-1.5">
        {users.map((user) => (
          <label key={user.id} className="flex items-center gap-1.5 text-sm">
            <input type="checkbox" checked={selected.includes(user.id)} onChange={(e) => onChange(e.target.checked ? [...selected, user.id] : selected.filter((id) => id !== user.id))} />
            {user.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function NumberEditor({ number, queues, users, onSaved }: { number: NumberConfigDto | null; queues: Option[]; users: Option[]; onSaved: (n: NumberConfigDto) => void }) {
  const [channel, setChannel] = useState<NumberConfigDto["channel"]>(number?.channel ?? "SMS");
  const [assigned, setAssigned] = useState<string[]>(number?.assignedUsers.map((u) => u.id) ?? []);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const id = number?.id ?? "new";

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "");
    setError(null);
    setSaved(false);
    try {
      const body = {
        channel, address: text("address"), label: text("label"), queueId: text("queueId") || null,
        providerBaseUrl: text("providerBaseUrl"), providerAccount: text("providerAccount"), providerSecret: text("providerSecret") || undefined,
        webhookSecret: text("webhookSecret") || undefined, verifyToken: text("verifyToken") || undefined, apiVersion: text("apiVersion"),
        sendRatePerSecond: Number(text("sendRatePerSecond") || 10),
      };
      let result = await api<{ number: NumberConfigDto }>(number ? `/api/v1/numbers/${number.id}` : "/api/v1/numbers", { method: number ? "PUT" : "POST", body });
      if (channel === "SMS" && !sameIds(assigned, result.number.assignedUsers.map((u) => u.id))) {
        const numberId = result.number.id;
        try {
          result = await api<{ number: NumberConfigDto }>(`/api/v1/numbers/${numberId}/users`, { method: "PUT", body: { userIds: assigned } });
        } finally {
          onSaved(result.number);
        }
      } else {
        onSaved(result.number);
      }
      setSaved(true);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not save.");
    }
  }

  const secretHint = (value: string | null | undefined) => (value ? `stored (${value}); leave blank to keep` : "not set");
  return (
    <form onSubmit={submit} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3" aria-label={number ? `Number ${number.address}` : "New number"}>
      {number?.channel === "SMS" ? <AssignedSummary users={number.assignedUsers} /> : null}
      <label className="text-sm font-medium">Channel
        <select value={channel} onChange={(e) => setChannel(e.target.value as NumberConfigDto["channel"])} className={field} disabled={Boolean(number)}>
          <option value="SMS">SMS</option><option value="WHATSAPP">WhatsApp</option><option value="WEBCHAT">Web chat</option>
        </select>
      </label>
      <label className="text-sm font-medium">{channel === "WEBCHAT" ? "Entry point" : "Number (E.164)"}<input name="address" defaultValue={number?.address} className={field} required /></label>
      <label className="text-sm font-medium">Label<input name="label" defaultValue={number?.label} className={field} required /></label>
      <label className="text-sm font-medium">Queue
        <select name="queueId" defaultValue={number?.queueId ?? ""} className={field}>
          <option value="">— not routed —</option>
          {queues.map((q) => <option key={q.id} value={q.id}>{q.name}</option>)}
        </select>
      </label>
      {channel !== "WEBCHAT" ? (
        <>
          <label className="text-sm font-medium">Provider base URL<input id={`${id}-base`} name="providerBaseUrl" defaultValue={number?.providerBaseUrl ?? ""} placeholder="https://api.twilio.com" className={field} /></label>
          <label className="text-sm font-medium">{channel === "SMS" ? "Account SID" : "Phone-number id"}<input name="providerAccount" defaultValue={number?.providerAccount ?? ""} className={field} /></label>
          <label className="text-sm font-medium">{channel === "SMS" ? "Auth token" : "Access token"}<input name="providerSecret" type="password" autoComplete="off" placeholder={secretHint(number?.providerSecret)} className={field} /></label>
          {channel === "WHATSAPP" ? (
            <>
              <label className="text-sm font-medium">App secret<input name="webhookSecret" type="password" autoComplete="off" placeholder={secretHint(number?.webhookSecret)} className={field} /></label>
              <label className="text-sm font-medium">Webhook verify token<input name="verifyToken" type="password" autoComplete="off" placeholder={secretHint(number?.verifyToken)} className={field} /></label>
              <label className="text-sm font-medium">API version<input name="apiVersion" defaultValue={number?.apiVersion ?? "v21.0"} className={field} /></label>
            </>
          ) : null}
          <label className="text-sm font-medium">Messages per second<input name="sendRatePerSecond" type="number" min={1} max={1000} defaultValue={number?.sendRatePerSecond ?? 10} className={field} /></label>
          {channel === "SMS" ? <AssigneePicker users={users} selected={assigned} onChange={setAssigned} /> : null}
        </>
      ) : null}
      <div className="flex items-end gap-3 sm:col-span-3">
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white">{number ? "Save" : "Add number"}</button>
        {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
        {saved ? <p role="status" className="text-sm text-emerald-700">Saved.</p> : null}
      </div>
    </form>
  );
}

export function NumberList({ initial, queues, users }: { initial: NumberConfigDto[]; queues: Option[]; users: Option[] }) {
  const [numbers, setNumbers] = useState(initial);
  const [adding, setAdding] = useState(false);
  return (
    <div className="space-y-4">
      {numbers.map((n) => <NumberEditor key={n.id} number={n} queues={queues} users={users} onSaved={(saved) => setNumbers((list) => list.map((x) => (x.id === saved.id ? saved : x)))} />)}
      {adding ? <NumberEditor number={null} queues={queues} users={users} onSaved={(saved) => { setNumbers((list) => [...list, saved]); setAdding(false); }} /> : (
        <button type="button" onClick={() => setAdding(true)} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">Add a number or entry point</button>
      )}
    </div>
  );
}
