"use client";

/** One number's settings. Secrets are never shown back: leave them blank to keep the stored value. */
import { useState, type FormEvent } from "react";
import type { NumberConfigDto } from "@/lib/channels/number-config";
import { api, ApiError } from "@/components/common/api-client";

const field = "mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm";

export function NumberEditor({ number, queues, onSaved }: { number: NumberConfigDto | null; queues: Array<{ id: string; name: string }>; onSaved: (n: NumberConfigDto) => void }) {
  const [channel, setChannel] = useState<NumberConfigDto["channel"]>(number?.channel ?? "SMS");
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
      const result = await api<{ number: NumberConfigDto }>(number ? `/api/v1/numbers/${number.id}` : "/api/v1/numbers", { method: number ? "PUT" : "POST", body });
      onSaved(result.number);
      setSaved(true);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not save.");
    }
  }

  const secretHint = (value: string | null | undefined) => (value ? `stored (${value}); leave blank to keep` : "not set");
  return (
    <form onSubmit={submit} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3" aria-label={number ? `Number ${number.address}` : "New number"}>
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

export function NumberList({ initial, queues }: { initial: NumberConfigDto[]; queues: Array<{ id: string; name: string }> }) {
  const [numbers, setNumbers] = useState(initial);
  const [adding, setAdding] = useState(false);
  return (
    <div className="space-y-4">
      {numbers.map((n) => <NumberEditor key={n.id} number={n} queues={queues} onSaved={(saved) => setNumbers((list) => list.map((x) => (x.id === saved.id ? saved : x)))} />)}
      {adding ? <NumberEditor number={null} queues={queues} onSaved={(saved) => { setNumbers((list) => [...list, saved]); setAdding(false); }} /> : (
        <button type="button" onClick={() => setAdding(true)} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">Add a number or entry point</button>
      )}
    </div>
  );
}
