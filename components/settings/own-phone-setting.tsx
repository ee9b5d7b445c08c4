"use client";

/** "Your phone": the number click-to-call rings first. Saved in E.164; an empty field clears it. */
import { useState, type FormEvent } from "react";
import type { Settings } from "@/lib/users/settings";
import { api, ApiError } from "@/components/common/api-client";

export function OwnPhoneSetting({ initial }: { initial: string | null }) {
  const [value, setValue] = useState(initial ?? "");
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setSaved(null);
    setBusy(true);
    try {
      const { settings } = await api<{ settings: Settings }>("/api/v1/me", { method: "PATCH", body: { phone: value.trim() || null } });
      setValue(settings.phone ?? "");
      setSaved(settings.phone ? `Saved as ${settings.phone}.` : "Removed. Click-to-call needs a phone to ring you first.");
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not save your phone.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={save} className="space-y-2">
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="own-phone" className="block text-sm font-medium">Your phone</label>
          <input
            id="own-phone" type="tel" autoComplete="tel" value={value} onChange={(e) => setValue(e.target.value)} placeholder="+1 555 010 0123"
            aria-describedby="own-phone-hint" aria-invalid={error ? true : undefined}
            className="mt-1 w-64 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          />
        </div>
        <button type="submit" disabled={busy} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60">Save phone</button>
      </div>
      <p id="own-phone-hint" className="text-sm text-slate-600">When you click the phone icon next to a contact, Parley rings this phone first, then connects you. Include the country code.</p>
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
      {saved ? <p role="status" className="text-sm text-emerald-700">{saved}</p> : null}
    </form>
  );
}
