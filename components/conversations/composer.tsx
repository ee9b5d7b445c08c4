"use client";

/** Message composer: Enter sends, Shift+Enter adds a line; paste and emoji insert at the cursor. */
import { useRef, useState, type KeyboardEvent } from "react";
import { EmojiButton } from "./emoji-button";

export function Composer({ onSend, disabled, placeholder = "Write a reply…", maxLength = 4000 }: { onSend: (body: string) => void; disabled?: boolean; placeholder?: string; maxLength?: number }) {
  const [body, setBody] = useState("");
  const textarea = useRef<HTMLTextAreaElement>(null);

  function send() {
    if (!body.trim() || disabled) return;
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
    <div className="flex items-end gap-2 border-t border-slate-200 bg-white p-2">
      <EmojiButton onPick={insert} />
      <label htmlFor="composer" className="sr-only">Message</label>
      <textarea id="composer" ref={textarea} value={body} onChange={(e) => setBody(e.target.value)} onKeyDown={onKeyDown}
        rows={2} maxLength={maxLength} placeholder={placeholder} disabled={disabled}
        className="min-h-[2.5rem] flex-1 resize-y rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-brand-500 disabled:bg-slate-100" />
      <button type="button" onClick={send} disabled={disabled || !body.trim()}
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">Send</button>
    </div>
  );
}
