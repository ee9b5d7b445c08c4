"use client";

/** The company's file policy: allowed types, maximum size, and sharing files with other companies. */
import { useState, type FormEvent } from "react";
import type { FilePolicyDto } from "@/lib/files/file-policy";
import { KNOWN_FILE_TYPES } from "@/lib/files/file-types";
import { api, ApiError } from "@/components/common/api-client";

const MB = 1024 * 1024;

export function FilePolicyForm({ initial }: { initial: FilePolicyDto }) {
  const [policy, setPolicy] = useState(initial);
  const [sizeMb, setSizeMb] = useState(String(Number((initial.maxSizeBytes / MB).toFixed(2))));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const toggleType = (ext: string, on: boolean) =>
    setPolicy((p) => ({ ...p, allowedTypes: on ? [...p.allowedTypes, ext] : p.allowedTypes.filter((t) => t !== ext) }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setSaved(false);
    try {
      const body = { ...policy, maxSizeBytes: Math.round(Number(sizeMb) * MB) };
      const result = await api<{ policy: FilePolicyDto }>("/api/v1/files/policy", { method: "PUT", body });
      setPolicy(result.policy);
      setSaved(true);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not save.");
    }
  }

  return (
    <form onSubmit={submit} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" aria-label="File policy">
      <fieldset>
        <legend className="text-sm font-medium">Allowed file types</legend>
        <div className="mt-2 grid grid-cols-3 gap-2 sm:grid-cols-5">
          {KNOWN_FILE_TYPES.map((ext) => (
            <label key={ext} className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={policy.allowedTypes.includes(ext)} onChange={(e) => toggleType(ext, e.target.checked)} />
              {ext.toUpperCase()}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="block text-sm font-medium">Maximum size (MB)
        <input type="number" min="0.01" max="100" step="0.01" required value={sizeMb} onChange={(e) => setSizeMb(e.target.value)}
          className="mt-1 block w-32 rounded-md border border-slate-300 px-2 py-1.5 text-sm" />
      </label>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Other companies</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={policy.externalCommunication} onChange={(e) => setPolicy((p) => ({ ...p, externalCommunication: e.target.checked }))} />
          Allow external communication
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={policy.externalFileSharing} onChange={(e) => setPolicy((p) => ({ ...p, externalFileSharing: e.target.checked }))} />
          Allow external file sharing
        </label>
        <p className="text-xs text-slate-500">Files cross to another company only when both companies allow external communication and external file sharing.</p>
      </fieldset>
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
      {saved ? <p role="status" className="text-sm text-green-700">Saved. The next file uses these settings.</p> : null}
      <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white">Save</button>
    </form>
  );
}
