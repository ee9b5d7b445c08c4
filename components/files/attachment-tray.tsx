"use client";

/** The paperclip (and camera) buttons, the allowed types and size, and the files waiting to be sent. */
import { useRef } from "react";
import { acceptAttribute, allowedTypesLabel } from "@/lib/files/file-types";
import { formatBytes } from "@/lib/files/format-bytes";
import type { AttachmentsController, DraftFile } from "./use-attachments";

const stateText: Record<DraftFile["state"], string> = { uploading: "Uploading…", checking: "Checking…", ready: "Ready", refused: "Refused" };

export function AttachButtons({ files, disabled }: { files: AttachmentsController; disabled?: boolean }) {
  const picker = useRef<HTMLInputElement>(null);
  const camera = useRef<HTMLInputElement>(null);
  const accept = acceptAttribute(files.policy.allowedTypes);
  const pick = (input: HTMLInputElement | null) => {
    if (!input) return;
    files.add(Array.from(input.files ?? []));
    input.value = "";
  };
  return (
    <>
      <button type="button" onClick={() => picker.current?.click()} disabled={disabled} aria-label="Attach files" title="Attach files"
        className="rounded-md border border-slate-300 px-2 py-2 text-sm hover:bg-slate-50 disabled:opacity-50">📎</button>
      <button type="button" onClick={() => camera.current?.click()} disabled={disabled} aria-label="Take a photo" title="Take a photo"
        className="rounded-md border border-slate-300 px-2 py-2 text-sm hover:bg-slate-50 disabled:opacity-50 sm:hidden">📷</button>
      <input ref={picker} type="file" multiple accept={accept} className="hidden" data-testid="attach-input" onChange={(e) => pick(e.currentTarget)} />
      {/* On a phone, capture opens the camera directly. */}
      <input ref={camera} type="file" accept="image/*,video/*" capture="environment" className="hidden" onChange={(e) => pick(e.currentTarget)} />
    </>
  );
}

export function PolicyHint({ files }: { files: AttachmentsController }) {
  const { allowedTypes, maxSizeBytes } = files.policy;
  return (
    <p className="px-2 text-[11px] text-slate-500" data-testid="file-policy-hint">
      {allowedTypes.length ? `Allowed: ${allowedTypesLabel(allowedTypes)} · up to ${formatBytes(maxSizeBytes)}` : "Attachments are turned off."}
    </p>
  );
}

export function AttachmentChips({ files }: { files: AttachmentsController }) {
  if (files.files.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-2 px-2 pt-2" aria-label="Files to send">
      {files.files.map((file) => (
        <li key={file.key} data-testid="attachment-chip" data-state={file.state}
          className={`flex max-w-xs items-center gap-2 rounded-md border px-2 py-1 text-xs ${file.state === "refused" ? "border-red-300 bg-red-50" : "border-slate-200 bg-slate-50"}`}>
          {/* A local object URL: nothing for next/image to optimize. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          {file.previewUrl ? <img src={file.previewUrl} alt="" className="h-10 w-10 rounded object-cover" /> : <span aria-hidden className="text-lg">📄</span>}
          <span className="min-w-0">
            <span className="block truncate font-medium">{file.name}</span>
            <span className="block text-slate-500">{formatBytes(file.size)} · <span data-testid="attachment-state">{stateText[file.state]}</span></span>
            {file.reason ? <span role="alert" className="block text-red-700" data-testid="attachment-reason">{file.reason}</span> : null}
          </span>
          <button type="button" onClick={() => files.remove(file.key)} aria-label={`Remove ${file.name}`} className="px-1 text-base leading-none text-slate-500 hover:text-slate-900">×</button>
        </li>
      ))}
    </ul>
  );
}
