"use client";

/**
 * A room's messages in a widget or the history page: the latest page on open,
 * older pages on demand, live messages merged by seq, and a re-read of what
 * was missed after a reconnect or a gap. Sending is optimistic with a
 * clientMessageId, so a retry never makes a second message.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { api, ApiError, newClientMessageId } from "@/components/common/api-client";
import { useOnConnect, useSocketEvent } from "@/components/realtime/socket-provider";
import type { RoomMessageDto } from "@/lib/rooms/dto";

export interface PendingMessage {
  clientMessageId: string;
  body: string;
  attachmentIds: string[];
  error: string | null;
}

function mergeBySeq(current: RoomMessageDto[], incoming: RoomMessageDto[]): RoomMessageDto[] {
  const bySeq = new Map(current.map((m) => [m.seq, m]));
  for (const message of incoming) bySeq.set(message.seq, message);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

export function useRoomMessages(roomId: string | null) {
  const [messages, setMessages] = useState<RoomMessageDto[]>([]);
  const [pending, setPending] = useState<PendingMessage[]>([]);
  const [hasOlder, setHasOlder] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const latest = useRef(messages);
  useEffect(() => {
    latest.current = messages;
  });

  const catchUp = useCallback(async () => {
    if (!roomId) return;
    try {
      const last = latest.current.at(-1)?.seq;
      if (last === undefined) {
        const page = await api<{ messages: RoomMessageDto[]; hasOlder: boolean }>(`/api/v1/rooms/${roomId}/messages?limit=50`);
        setMessages((current) => mergeBySeq(current, page.messages));
        setHasOlder(page.hasOlder);
      } else {
        let after = last;
        for (;;) {
          const page = await api<{ messages: RoomMessageDto[] }>(`/api/v1/rooms/${roomId}/messages?afterSeq=${after}&limit=200`);
          setMessages((current) => mergeBySeq(current, page.messages));
          if (page.messages.length < 200) break;
          after = page.messages.at(-1)!.seq;
        }
      }
      setLoadError(null);
    } catch (error) {
      setLoadError(error instanceof ApiError ? error.message : "Could not load the messages.");
    }
  }, [roomId]);

  useOnConnect(() => void catchUp());

  const loadOlder = useCallback(async () => {
    const first = latest.current[0]?.seq;
    if (!roomId || first === undefined) return;
    const page = await api<{ messages: RoomMessageDto[]; hasOlder: boolean }>(`/api/v1/rooms/${roomId}/messages?beforeSeq=${first}&limit=50`);
    setMessages((current) => mergeBySeq(current, page.messages));
    setHasOlder(page.hasOlder);
  }, [roomId]);

  useSocketEvent("room:message", ({ message }) => {
    if (message.roomId !== roomId) return;
    const last = latest.current.at(-1)?.seq ?? 0;
    setMessages((current) => mergeBySeq(current, [message]));
    setPending((current) => current.filter((p) => p.clientMessageId !== message.clientMessageId));
    // A jump in seq means events were missed (a short disconnect): read the gap.
    if (latest.current.length && message.seq > last + 1) void catchUp();
  });
  useSocketEvent("room:message-updated", ({ message }) => {
    if (message.roomId === roomId) setMessages((current) => mergeBySeq(current, [message]));
  });

  const send = useCallback(
    async (body: string, attachmentIds: string[] = [], clientMessageId = newClientMessageId()) => {
      if (!roomId) return;
      setPending((current) => [...current.filter((p) => p.clientMessageId !== clientMessageId), { clientMessageId, body: body || "📎 File", attachmentIds, error: null }]);
      try {
        const { message } = await api<{ message: RoomMessageDto }>(`/api/v1/rooms/${roomId}/messages`, { body: { clientMessageId, body, ...(attachmentIds.length ? { attachmentIds } : {}) } });
        setMessages((current) => mergeBySeq(current, [message]));
        setPending((current) => current.filter((p) => p.clientMessageId !== clientMessageId));
      } catch (error) {
        const reason = error instanceof ApiError ? error.message : "Not sent.";
        setPending((current) => current.map((p) => (p.clientMessageId === clientMessageId ? { ...p, error: reason } : p)));
      }
    },
    [roomId],
  );

  return { messages, pending, hasOlder, loadError, loadOlder, send, catchUp };
}
