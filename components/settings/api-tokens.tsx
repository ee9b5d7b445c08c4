"use client";

/** Personal API tokens for the mobile app or the Communication Panel; the token is shown once. */
import { LocalTime } from "@/components/common/local-time";
import { useState, type FormEvent } from "react";
import type { ApiTokenSummary } from "@/lib/users/api-token-admin";
import { api, ApiError } from "@/components/common/api-client";

export function ApiTokens({ initial }: { initial: ApiTokenSummary[] }) {
  const [tokens, setTokens] = useState(initial);
  const [name, setName] = useState("");
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function create(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const result = await api<{ token: string; summary: ApiTokenSummary }>("/api/v1/me/tokens", { body: { name } });
      setTokens((list) => [result.summary, ...list]);
      setCreated(result.token);
      setName("");
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not create the token.");
    }
  }

  async function revoke(id: string) {
    await api(`/api/v1/me/tokens/${id}`, { method: "DELETE" }).catch(() => undefined);
    setTokens((list) => list.filter((t) => t.id !== id));
  }

  return (
    <div className="space-y-3">
      <form onSubmit={create} className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="token-name" className="block text-sm font-medium">Token name</label>
          <input id="token-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Phone" className="mt-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm" />
        </div>
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white">Create token</button>
      </form>
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
      {created ? (
        <p className="rounded-md bg-emerald-50 p-3 text-sm">
          Copy this token now, it is not shown again: <code className="break-all font-mono" data-testid="new-token">{created}</code>
        </p>
      ) : null}
      <ul className="divide-y divide-slate-200 rounded-md border border-slate-200">
        {tokens.map((t) => (
          <li key={t.id} className="flex items-center gap-3 px-3 py-2 text-sm">
            <span className="flex-1">{t.name} <span className="text-slate-500">· created <LocalTime iso={t.createdAt} pattern="d MMM yyyy" />{t.lastUsedAt ? <> · last used <LocalTime iso={t.lastUsedAt} pattern="d MMM HH:mm" /></> : null}</span></span>
            <button type="button" onClick={() => void revoke(t.id)} className="text-red-700 underline">Revoke</button>
          </li>
        ))}
        {tokens.length === 0 ? <li className="px-3 py-2 text-sm text-slate-500">No tokens.</li> : null}
      </ul>
    </div>
  );
}
