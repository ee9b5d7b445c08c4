"use client";

/**
 * The customer's side of a web chat: the token kept in this browser (so a
 * reload resumes the chat), the live socket in the customer namespace, and
 * gap-free messages by sequence number.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { AttachmentDto, CustomerMessageDto } from "@/lib/conversations/dto";
import type { CustomerChatState } from "@/lib/webchat/customer-session";
import type { CustomerEvents, CustomerRequests, SocketAck } from "@/lib/realtime/events";
import { errorStatus } from "@/lib/errors";
import { api, ApiError, newClientMessageId } from "@/components/common/api-client";

export interface OutgoingMessage {
  clientMessageId: string;
  body: string;
  state: "sending" | "failed";
  error?: string;
  attachmentIds?: string[];
}

const storageKey = (entry: string) => `parley-chat:${entry}`;

function merge(list: CustomerMessageDto[], incoming: CustomerMessageDto[]) {
  const bySeq = new Map(list.map((m) => [m.seq, m]));
  for (const m of incoming) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** onAttachmentUpdated hears the validation verdict on files this customer uploads. */
export function useCustomerChat(entry: string, onAttachmentUpdated?: (attachment: AttachmentDto) => void) {
  const attachmentListener = useRef(onAttachmentUpdated);
  const socketRef = useRef<Socket | null>(null);
  useEffect(() => {
    attachmentListener.current = onAttachmentUpdated;
  });
  const [token, setToken] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const [customer, setCustomer] = useState<CustomerChatState["customer"] | null>(null);
  const [conversation, setConversation] = useState<CustomerChatState["conversation"]>(null);
  const [messages, setMessages] = useState<CustomerMessageDto[]>([]);
  const [outgoing, setOutgoing] = useState<OutgoingMessage[]>([]);
  const [connected, setConnected] = useState(false);
  const conversationId = useRef<string | null>(null);

  const load = useCallback(async (currentToken: string) => {
    try {
      const state = await api<CustomerChatState>(`/api/webchat/${entry}/chat`, { token: currentToken });
      setCustomer(state.customer);
      // A new conversation (after the previous one ended) replaces the old messages.
      if (state.conversation?.id !== conversationId.current) setMessages(state.messages);
      else setMessages((list) => merge(list, state.messages));
      conversationId.current = state.conversation?.id ?? null;
      setConversation(state.conversation);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        localStorage.removeItem(storageKey(entry));
        setToken(null);
      }
    }
  }, [entry]);

  useEffect(() => {
    const saved = localStorage.getItem(storageKey(entry));
    // Reading browser storage can only happen after mount; this is the one-time hydration of the saved session.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (saved) setToken(saved);
    setReady(true);
  }, [entry]);

  useEffect(() => {
    if (!token) return;
    const socket: Socket = io("/customer", { auth: { customerToken: token }, transports: ["websocket", "polling"] });
    socketRef.current = socket;
    socket.on("connect", () => {
      setConnected(true);
      void load(token);
    });
    socket.on("disconnect", () => setConnected(false));
    socket.on("message:created", (event: CustomerEvents["message:created"]) => {
      if (event.conversationId !== conversationId.current) return void load(token);
      setMessages((list) => merge(list, [event.message]));
      setConversation((c) => (c ? { ...c, lastSeq: Math.max(c.lastSeq, event.message.seq) } : c));
    });
    socket.on("message:updated", (event: CustomerEvents["message:updated"]) => {
      if (event.conversationId === conversationId.current) setMessages((list) => merge(list, [event.message]));
    });
    socket.on("attachment:updated", (event: CustomerEvents["attachment:updated"]) => attachmentListener.current?.(event.attachment));
    socket.on("conversation:ended", (event: CustomerEvents["conversation:ended"]) => {
      if (event.conversationId === conversationId.current) setConversation((c) => (c ? { ...c, status: "ended" } : c));
    });
    return () => {
      socketRef.current = null;
      socket.disconnect();
    };
  }, [token, load]);

  // Tell the agent what the customer has seen.
  const newestAgentSeq = messages.filter((m) => m.direction === "OUTBOUND" && m.status !== "READ").at(-1)?.seq;
  useEffect(() => {
    if (!token || !newestAgentSeq || !conversationId.current) return;
    const report = () => {
      if (document.visibilityState === "visible") {
        void api(`/api/webchat/${entry}/read`, { token, body: { conversationId: conversationId.current, upToSeq: newestAgentSeq } }).catch(() => undefined);
      }
    };
    report();
    document.addEventListener("visibilitychange", report);
    return () => document.removeEventListener("visibilitychange", report);
  }, [token, entry, newestAgentSeq]);

  const start = useCallback(async (name: string, email: string) => {
    const result = await api<{ token: string }>(`/api/webchat/${entry}/session`, { body: { name, email } });
    localStorage.setItem(storageKey(entry), result.token);
    setToken(result.token);
  }, [entry]);

  const send = useCallback(async (body: string, clientMessageId = newClientMessageId(), attachmentIds: string[] = []) => {
    if (!token) return;
    setOutgoing((list) => [...list.filter((m) => m.clientMessageId !== clientMessageId), { clientMessageId, body, state: "sending", attachmentIds }]);
    try {
      const payload = { clientMessageId, body, ...(attachmentIds.length ? { attachmentIds } : {}) };
      const result = await sendOverSocketOrHttp(socketRef.current, payload, () =>
        api<{ conversationId: string; message: CustomerMessageDto }>(`/api/webchat/${entry}/messages`, { token, body: payload }),
      );
      if (result.conversationId !== conversationId.current) {
        conversationId.current = result.conversationId;
        setMessages([result.message]);
        setConversation({ id: result.conversationId, status: "open", lastSeq: result.message.seq });
        void load(token);
      } else {
        setMessages((list) => merge(list, [result.message]));
      }
      setOutgoing((list) => list.filter((m) => m.clientMessageId !== clientMessageId));
    } catch (error) {
      const reason = error instanceof ApiError ? error.message : "Not sent";
      setOutgoing((list) => list.map((m) => (m.clientMessageId === clientMessageId ? { ...m, state: "failed", error: reason } : m)));
    }
  }, [entry, token, load]);

  const leave = useCallback(() => {
    localStorage.removeItem(storageKey(entry));
    setToken(null);
    setMessages([]);
    setConversation(null);
    conversationId.current = null;
  }, [entry]);

  return { ready, token, customer, conversation, messages, outgoing, connected, start, send, leave };
}

type SentMessage = { conversationId: string; message: CustomerMessageDto };

/** Over the open socket when connected (one round trip), else over HTTP; the clientMessageId makes a fallback after a lost answer safe. */
async function sendOverSocketOrHttp(socket: Socket | null, payload: CustomerRequests["message:send"]["request"], overHttp: () => Promise<SentMessage>): Promise<SentMessage> {
  if (!socket?.connected) return overHttp();
  let answer: SocketAck<SentMessage>;
  try {
    answer = await socket.timeout(8000).emitWithAck("message:send", payload);
  } catch {
    return overHttp();
  }
  if (answer.ok) return answer.data;
  throw new ApiError(answer.error.message, answer.error.code, errorStatus[answer.error.code] ?? 500);
}
