"use client";

/**
 * The messages of one open conversation, kept complete and in order by
 * sequence number: live events are merged by seq (a duplicate replaces, it
 * never doubles), a jump in seq or a reconnect triggers a re-read from the
 * last seen seq, and older pages load on demand.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { MessageDto } from "@/lib/conversations/dto";
import type { MessagePage } from "@/lib/messages/list-messages";
import { api } from "@/components/common/api-client";
import { socketRequest, useOnConnect, useSocket, useSocketEvent } from "@/components/realtime/socket-provider";

export interface PendingMessage {
  clientMessageId: string;
  body: string;
  state: "sending" | "failed";
  error?: string;
  templateName?: string;
  /** The text as typed (body may be a placeholder such as "📎 2 file(s)"). */
  text?: string;
  attachmentIds?: string[];
}

function merge(list: MessageDto[], incoming: MessageDto[]): MessageDto[] {
  const bySeq = new Map(list.map((m) => [m.seq, m]));
  for (const message of incoming) bySeq.set(message.seq, message);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

export function useConversationMessages(conversationId: string, initial: MessagePage) {
  const [messages, setMessages] = useState<MessageDto[]>(initial.messages);
  const [hasOlder, setHasOlder] = useState(initial.hasOlder);
  // Highest seq up to which every message is present: gaps are filled from here.
  const lastSeq = useRef(initial.messages.at(-1)?.seq ?? 0);
  const seen = useRef(new Set(initial.messages.map((m) => m.seq)));
  const filling = useRef<Promise<void> | null>(null);
  const { socket } = useSocket();

  const apply = useCallback((incoming: MessageDto[]) => {
    if (incoming.length === 0) return;
    for (const message of incoming) seen.current.add(message.seq);
    while (seen.current.has(lastSeq.current + 1)) lastSeq.current += 1;
    setMessages((list) => merge(list, incoming));
  }, []);

  /** Reads everything after the last contiguous seq, page by page, so nothing missed stays missing. */
  const fillGap = useCallback((): Promise<void> => {
    filling.current ??= (async () => {
      try {
        // A second round covers messages that arrived beyond the range while the first was reading.
        for (let round = 0; round < 5; round++) {
          for (;;) {
            const page = await api<MessagePage>(`/api/v1/conversations/${conversationId}/messages?afterSeq=${lastSeq.current}&limit=200`);
            apply(page.messages);
            if (page.messages.length < 200) break;
          }
          if (Math.max(0, ...seen.current) <= lastSeq.current) break;
        }
      } finally {
        filling.current = null;
      }
    })();
    return filling.current;
  }, [conversationId, apply]);

  useOnConnect(() => {
    if (!socket) return;
    void socketRequest(socket, "conversation:watch", { conversationId })
      .then(({ lastSeq: serverSeq }) => (serverSeq > lastSeq.current ? fillGap() : undefined))
      .catch(() => undefined);
  });
  useEffect(() => {
    return () => {
      if (socket?.connected) void socketRequest(socket, "conversation:unwatch", { conversationId }).catch(() => undefined);
    };
  }, [socket, conversationId]);

  useSocketEvent("message:created", ({ message }) => {
    if (message.conversationId !== conversationId) return;
    apply([message]);
    // A message beyond the contiguous range means some were missed: read them.
    if (message.seq > lastSeq.current) void fillGap();
  });
  useSocketEvent("message:updated", ({ message }) => {
    if (message.conversationId === conversationId) setMessages((list) => merge(list, [message]));
  });

  const loadOlder = useCallback(async () => {
    const first = messages[0];
    if (!first || !hasOlder) return;
    const page = await api<MessagePage>(`/api/v1/conversations/${conversationId}/messages?beforeSeq=${first.seq}&limit=50`);
    setMessages((list) => merge(list, page.messages));
    setHasOlder(page.hasOlder);
  }, [conversationId, messages, hasOlder]);

  return { messages, hasOlder, loadOlder, apply, lastSeq };
}
