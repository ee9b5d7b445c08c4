"use client";

/**
 * Message composer: Enter sends, Shift+Enter adds a line; paste and emoji
 * insert at the cursor. With attachments, files can also be dropped on it or
 * pasted (images), and Send waits until every file has passed its check.
 */
import { useState, type ClipboardEvent, type DragEvent } from "react";
import { AttachButtons, AttachmentChips, PolicyHint } from "@/components/files/attachment-tray";
import type { AttachmentsController } from "@/components/files/use-attachments";
import { EmojiButton } from "./emoji-button";
import { useComposerText } from "./use-composer-text";

interface Props {
  onSend: (body: string, attachmentIds: string[]) => void;
  disabled?: boolean;
  placeholder?: string;
  maxLength?: number;
  files?: AttachmentsController;
}

export function Composer({ onSend, disabled, placeholder = "Write a reply…", maxLength = 4000, files }: Props) {
  const { body, setBody, textarea, canSend, send, onKeyDown, insert } = useComposerText({ onSend, disabled, files });
  const [dragging, setDragging] = useState(false);

  function onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
    const images = Array.from(event.clipboardData.files).filter((f) => f.type.startsWith("image/"));
    if (!files || images.length === 0) return;
    event.preventDefault();
    files.add(images);
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    setDragging(false);
    if (!files || event.dataTransfer.files.length === 0) return;
    event.preventDefault();
    files.add(Array.from(event.dataTransfer.files));
  }

  return (
    <div className={`border-t border-slate-200 bg-white ${dragging ? "ring-2 ring-inset ring-brand-500" : ""}`} data-testid="composer"
      onDragOver={files ? (e) => { e.preventDefault(); setDragging(true); } : undefined} onDragLeave={() => setDragging(false)} onDrop={files ? onDrop : undefined}>
      {files ? <AttachmentChips files={files} /> : null}
      <div className="flex items-end gap-2 p-2">
        <EmojiButton onPick={insert} />
        {files ? <AttachButtons files={files} disabled={disabled} /> : null}
        <label htmlFor="composer" className="sr-only">Message</label>
        <textarea id="composer" ref={textarea} value={body} onChange={(e) => setBody(e.target.value)} onKeyDown={onKeyDown} onPaste={onPaste}
          rows={2} maxLength={maxLength} placeholder={placeholder} disabled={disabled}
          className="min-h-[2.5rem] flex-1 resize-y rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-brand-500 disabled:bg-slate-100" />
        <button type="button" onClick={send} disabled={!canSend}
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">Send</button>
      </div>
      {files ? <div className="pb-1"><PolicyHint files={files} /></div> : null}
    </div>
  );
}
