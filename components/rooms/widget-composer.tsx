"use client";

/**
 * The widget's composer: paperclip (the file policy applies; Send waits until
 * every file passed its check), emoji, Enter sends, Shift+Enter adds a line.
 */
import { useId } from "react";
import { EmojiButton } from "@/components/conversations/emoji-button";
import { AttachButtons, AttachmentChips, PolicyHint } from "@/components/files/attachment-tray";
import type { AttachmentsController } from "@/components/files/use-attachments";
import { useComposerText } from "@/components/conversations/use-composer-text";

export function WidgetComposer({ onSend, disabled, placeholder = "Type a message", maxLength = 4000, files }: {
  onSend: (body: string, attachmentIds: string[]) => void;
  disabled?: boolean;
  placeholder?: string;
  maxLength?: number;
  files?: AttachmentsController;
}) {
  const id = useId();
  const { body, setBody, textarea, canSend, send, onKeyDown, insert } = useComposerText({ onSend, disabled, files });

  return (
    <div className="border-t border-slate-200">
    {files ? <AttachmentChips files={files} /> : null}
    <div className="flex items-end gap-1 p-2">
      <EmojiButton onPick={insert} />
      {files ? <AttachButtons files={files} disabled={disabled} /> : null}
      <label htmlFor={id} className="sr-only">Message</label>
      <textarea id={id} ref={textarea} value={body} onChange={(e) => setBody(e.target.value)} onKeyDown={onKeyDown} rows={1} maxLength={maxLength}
        placeholder={placeholder} disabled={disabled} data-testid="widget-composer"
        className="max-h-28 min-h-[2.25rem] flex-1 resize-none rounded-md border border-slate-300 px-2 py-1.5 text-sm focus:border-brand-500 disabled:bg-slate-100" />
      <button type="button" onClick={send} disabled={!canSend} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">Send</button>
    </div>
    {files && files.files.length ? <div className="pb-1"><PolicyHint files={files} /></div> : null}
    </div>
  );
}
