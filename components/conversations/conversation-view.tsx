"use client";

/**
 * One conversation: header with actions, the messages (live, gap-free, older
 * pages on scroll), the composer while it is yours, and internal notes.
 */
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import type { NoteDto } from "@/lib/conversations/dto";
import type { ConversationDetails } from "@/lib/conversations/get-conversation-details";
import type { MessageDto } from "@/lib/conversations/dto";
import type { MessagePage } from "@/lib/messages/list-messages";
import { api, ApiError, newClientMessageId } from "@/components/common/api-client";
import { ChannelBadge, customerLabel } from "@/components/common/channel-badge";
import { useToast } from "@/components/common/toast";
import { hearLocally, useSocket, useSocketEvent, viaSocketOrHttp } from "@/components/realtime/socket-provider";
import { Composer } from "./composer";
import { ConfirmDialog } from "./confirm-dialog";
import { DetailsPanel } from "./details-panel";
import { MessageBubble, PendingBubble } from "./message-bubble";
import { NotePanel } from "./note-panel";
import { TemplatePicker } from "./template-picker";
import { TransferDialog } from "./transfer-dialog";
import { useConversationMessages, type PendingMessage } from "./use-conversation-messages";
import { WindowCountdown } from "./window-countdown";
import { useAttachments, type FilePolicyView } from "@/components/files/use-attachments";

interface Props {
  details: ConversationDetails;
  initialPage: MessagePage;
  initialNotes: NoteDto[];
  currentUserId: string;
  filePolicy: FilePolicyView;
}

export function ConversationView({ details, initialPage, initialNotes, currentUserId, filePolicy }: Props) {
  const conversation = details.conversation;
  const { socket } = useSocket();
  const [status, setStatus] = useState(conversation.status);
  const [assigneeId, setAssigneeId] = useState(conversation.assigneeId);
  const [pending, setPending] = useState<PendingMessage[]>([]);
  const [panel, setPanel] = useState<"notes" | "details">("notes");
  const [dialog, setDialog] = useState<"transfer" | "end" | null>(null);
  const { messages, hasOlder, loadOlder, apply, lastSeq } = useConversationMessages(conversation.id, initialPage);
  const scroller = useRef<HTMLDivElement>(null);
  const toast = useToast();
  const router = useRouter();
  const mine = status === "ACTIVE" && assigneeId === currentUserId;
  const [windowExpiresAt, setWindowExpiresAt] = useState(conversation.windowExpiresAt);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const files = useAttachments({ uploadUrl: `/api/v1/conversations/${conversation.id}/attachments`, policy: filePolicy });
  useSocketEvent("attachment:updated", (event) => {
    if (event.conversationId === conversation.id) files.applyUpdate(event.attachment);
  });
  const windowClosed = conversation.channel === "WHATSAPP" && (!windowExpiresAt || new Date(windowExpiresAt).getTime() <= now);

  // A customer's WhatsApp message reopens the 24-hour window.
  useSocketEvent("message:created", ({ message }) => {
    if (message.conversationId === conversation.id && message.direction === "INBOUND" && conversation.channel === "WHATSAPP") {
      setWindowExpiresAt(new Date(new Date(message.createdAt).getTime() + 24 * 60 * 60 * 1000).toISOString());
      setNow(Date.now());
    }
  });
  useSocketEvent("conversation:ended", (event) => {
    if (event.conversationId === conversation.id) setStatus("ENDED");
  });
  useSocketEvent("conversation:unassigned", (event) => {
    if (event.conversationId === conversation.id && event.userId === currentUserId) setAssigneeId(null);
  });
  useSocketEvent("conversation:assigned", (event) => {
    if (event.conversation.id === conversation.id) {
      setAssigneeId(event.userId);
      setStatus(event.conversation.status);
    }
  });

  // Keep the newest message in view, and tell the server what this agent has read.
  const newest = messages.at(-1)?.seq ?? 0;
  useEffect(() => {
    scroller.current?.scrollTo({ top: scroller.current.scrollHeight });
  }, [newest, pending.length]);
  useEffect(() => {
    if (!mine || newest === 0) return;
    const markRead = () => {
      if (document.visibilityState === "visible") void api(`/api/v1/conversations/${conversation.id}/read`, { body: { upToSeq: lastSeq.current } }).catch(() => undefined);
    };
    markRead();
    document.addEventListener("visibilitychange", markRead);
    return () => document.removeEventListener("visibilitychange", markRead);
  }, [mine, newest, conversation.id, lastSeq]);

  const send = useCallback(async (body: string, clientMessageId = newClientMessageId(), templateName?: string, attachmentIds: string[] = []) => {
    const shown = templateName ? `Template: ${templateName}` : body || `📎 ${attachmentIds.length} file(s)`;
    setPending((list) => [...list.filter((p) => p.clientMessageId !== clientMessageId), { clientMessageId, body: shown, state: "sending", templateName, attachmentIds, text: body }]);
    try {
      const payload = templateName ? { clientMessageId, templateName } : { clientMessageId, body, ...(attachmentIds.length ? { attachmentIds } : {}) };
      const { message } = await viaSocketOrHttp(socket, "message:send", { conversationId: conversation.id, ...payload }, () =>
        api<{ message: MessageDto }>(`/api/v1/conversations/${conversation.id}/messages`, { body: payload }),
      );
      apply([message]);
      hearLocally(socket, "message:created", { assigneeId: currentUserId, message });
      setPending((list) => list.filter((p) => p.clientMessageId !== clientMessageId));
    } catch (error) {
      const reason = error instanceof ApiError ? error.message : "Not sent";
      setPending((list) => list.map((p) => (p.clientMessageId === clientMessageId ? { ...p, state: "failed", error: reason } : p)));
    }
  }, [conversation.id, apply, socket, currentUserId]);

  async function retry(messageId: string) {
    try {
      await api(`/api/v1/conversations/${conversation.id}/messages/${messageId}/retry`, { method: "POST" });
    } catch (error) {
      toast(error instanceof ApiError ? error.message : "Could not retry the message.", "error");
    }
  }

  async function endChat() {
    setDialog(null);
    try {
      await api(`/api/v1/conversations/${conversation.id}/end`, { method: "POST" });
      setStatus("ENDED");
      toast("Chat ended. It is now in your History.");
    } catch (error) {
      toast(error instanceof ApiError ? error.message : "Could not end the chat.", "error");
    }
  }

  const shown = new Set(messages.map((m) => m.clientMessageId).filter(Boolean));
  const statusText = status === "ENDED" ? "Ended" : mine ? "Picked by you" : status === "ACTIVE" ? "Picked by someone else" : "Waiting";

  return (
    <div className="flex min-h-[28rem] flex-col gap-3 2xl:h-[calc(100vh-8rem)] 2xl:flex-row">
      <div className="flex h-[calc(100vh-8rem)] min-h-[28rem] min-w-0 flex-1 flex-col overflow-hidden rounded-lg border border-slate-200 bg-slate-50 2xl:h-auto">
        <header className="flex flex-wrap items-center gap-2 border-b border-slate-200 bg-white px-4 py-3">
          <div className="min-w-[10rem] flex-1">
            <h1 className="truncate text-lg font-semibold" data-testid="conversation-title">{customerLabel(conversation.customer)}</h1>
            <p className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
              <ChannelBadge channel={conversation.channel} /> {conversation.queueName} · <span data-testid="conversation-status">{statusText}</span>
              {conversation.channel === "WHATSAPP" && status !== "ENDED" ? (windowExpiresAt ? <WindowCountdown expiresAt={windowExpiresAt} /> : <span className="text-red-700">Reply window closed (templates only)</span>) : null}
            </p>
          </div>
          <nav aria-label="Conversation actions" className="flex gap-2">
            <button type="button" onClick={() => setPanel(panel === "details" ? "notes" : "details")} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
              {panel === "details" ? "Notes" : "Details"}
            </button>
            {mine ? (
              <>
                <button type="button" onClick={() => setDialog("transfer")} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">Transfer</button>
                <button type="button" onClick={() => setDialog("end")} className="rounded-md bg-red-600 px-3 py-1.5 text-sm font-medium text-white">End chat</button>
              </>
            ) : null}
          </nav>
        </header>
        <div ref={scroller} className="min-h-0 flex-1 overflow-y-auto px-4 py-3" onScroll={(e) => { if (e.currentTarget.scrollTop === 0 && hasOlder) void loadOlder(); }}>
          {hasOlder ? <button type="button" onClick={() => void loadOlder()} className="mx-auto mb-2 block text-xs text-brand-700 underline">Load older messages</button> : null}
          <ul className="space-y-2" aria-label="Messages" aria-live="polite">
            {messages.map((message) => <MessageBubble key={message.seq} message={message} onRetry={mine && conversation.channel !== "WEBCHAT" ? () => void retry(message.id) : undefined} />)}
            {pending.filter((p) => !shown.has(p.clientMessageId)).map((p) => (
              <PendingBubble key={p.clientMessageId} pending={p} onRetry={() => void send(p.text ?? p.body, p.clientMessageId, p.templateName, p.attachmentIds)} />
            ))}
          </ul>
        </div>
        {mine && windowClosed ? <TemplatePicker onSend={(name) => void send("", undefined, name)} /> : null}
        {mine && !windowClosed ? <Composer onSend={(body, attachmentIds) => void send(body, undefined, undefined, attachmentIds)} files={files} /> : null}
        {!mine ? (
          <p className="border-t border-slate-200 bg-white px-4 py-3 text-sm text-slate-600">
            {status === "ENDED" ? "This conversation has ended. It is read-only." : "Read-only: only the agent who picked this conversation can reply."}
          </p>
        ) : null}
      </div>
      <aside className="min-h-0 overflow-y-auto rounded-lg border border-slate-200 bg-white p-4 2xl:w-80 2xl:shrink-0">
        {panel === "notes" ? <NotePanel conversationId={conversation.id} initialNotes={initialNotes} canWrite={status !== "ENDED"} /> : <DetailsPanel details={details} />}
      </aside>
      <TransferDialog conversationId={conversation.id} currentUserId={currentUserId} open={dialog === "transfer"} onClose={() => setDialog(null)}
        onDone={() => { setDialog(null); toast("Conversation transferred."); router.push("/conversations"); }} />
      <ConfirmDialog open={dialog === "end"} title="End this chat?" body="The customer gets a closing message and the conversation moves to your History." confirmLabel="End chat"
        onConfirm={() => void endChat()} onClose={() => setDialog(null)} />
    </div>
  );
}
