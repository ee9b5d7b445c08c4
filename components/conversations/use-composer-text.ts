"use client";

/**
 * The text box of a composer: Enter sends, Shift+Enter adds a line (not
 * while an input method is composing), emoji insert at the cursor, and Send
 * waits until every attached file has passed its check.
 */
import { useRef, useState, type KeyboardEvent } from "react";
import type { AttachmentsController } from "@/components/files/use-attachments";

export function useComposerText(options: { onSend: (body: string, attachmentIds: string[]) => void; disabled?: boolean; files?: AttachmentsController }) {
  const { onSend, disabled, files } = options;
  const [body, setBody] = useState("");
  const textarea = useRef<HTMLTextAreaElement>(null);
  const attachmentIds = files?.readyIds ?? [];
  const filesBlocking = Boolean(files && (files.busy || files.refused));
  const canSend = !disabled && !filesBlocking && (body.trim().length > 0 || attachmentIds.length > 0);

  function send() {
    if (!canSend) return;
    onSend(body, attachmentIds);
    setBody("");
    files?.clear();
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

  return { body, setBody, textarea, canSend, send, onKeyDown, insert };
}
