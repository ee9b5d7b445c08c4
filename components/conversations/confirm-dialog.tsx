"use client";

import { useEffect, useRef } from "react";

export function ConfirmDialog({ open, title, body, confirmLabel, onConfirm, onClose }: { open: boolean; title: string; body: string; confirmLabel: string; onConfirm: () => void; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (open) dialog.current?.showModal();
    else dialog.current?.close();
  }, [open]);
  return (
    <dialog ref={dialog} onClose={onClose} aria-labelledby="confirm-title" className="m-auto w-full max-w-sm rounded-lg p-0 backdrop:bg-slate-900/40">
      <div className="space-y-3 p-5">
        <h2 id="confirm-title" className="text-lg font-semibold">{title}</h2>
        <p className="text-sm text-slate-700">{body}</p>
        <div className="flex justify-end gap-2">
          <button type="button" onClick={onClose} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">Cancel</button>
          <button type="button" onClick={onConfirm} className="rounded-md bg-red-600 px-3 py-1.5 text-sm font-medium text-white">{confirmLabel}</button>
        </div>
      </div>
    </dialog>
  );
}
