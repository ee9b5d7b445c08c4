"use client";

/** The widget's composer: emoji, Enter sends, Shift+Enter adds a line. */
import { useId, useRef, useState, type KeyboardEvent } from "react";
import { EmojiButton } from "@/components/conversations/emoji-button";

export function WidgetComposer({ onSend, disabled, placeholder = "Type a message", maxLength = 4000, children }: {
  onSend: (body: string) => void;
  disabled?: boolean;
  placeholder?: string;
  maxLength?: number;
  /** Extra buttons next to the emoji button (e.g. attachments). */
  children?: React.ReactNode;
}) {
  const id = useId();
  const [body, setBody] = useState("");
  const textarea = useRef<HTMLTextAreaElement>(null);
  const canSend = !disabled && body.trim().length > 0;

  function send() {
    if (!canSend) return;
    onSend(body);
    setBody("");
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  }

  function insert(text: string) {
    const el = textarea.current;
    const start = el?.selectionStart ?? body.length;
    const end = el?.selectionEnd ?? body.length;
    setBody(body.slice(0, start) + text + body.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + text.length, start + text.length);
    });
  }

  return (
    <div className="flex items-end gap-1 border-t border-slate-200 p-2">
      <EmojiButton onPick={insert} />
      {children}
      <label htmlFor={id} className="sr-only">Message</label>
      <textarea id={id} ref={textarea} value={body} onChange={(e) => setBody(e.target.value)} onKeyDown={onKeyDown} rows={1} maxLength={maxLength}
        placeholder={placeholder} disabled={disabled} data-testid="widget-composer"
        className="max-h-28 min-h-[2.25rem] flex-1 resize-none rounded-md border border-slate-300 px-2 py-1.5 text-sm focus:border-brand-500 disabled:bg-slate-100" />
      <button type="button" onClick={send} disabled={!canSend} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">Send</button>
    </div>
  );
}
