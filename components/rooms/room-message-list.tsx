"use client";

/** The messages of a widget conversation: yours on the right, others on the left, Parley's notes centred. */
import { LocalTime } from "@/components/common/local-time";
import { useEffect, useRef } from "react";
import type { RoomMessageDto } from "@/lib/rooms/dto";
import { AttachmentList } from "@/components/files/attachment-list";
import type { PendingMessage } from "./use-room-messages";

const statusLabel = { QUEUED: "Sending", SENT: "Sent", DELIVERED: "Delivered", READ: "Read", FAILED: "Failed", RECEIVED: "Received" } as const;

function DeliveryLine({ message }: { message: RoomMessageDto }) {
  if (message.deliveries.length === 0) return null;
  const failed = message.deliveries.filter((d) => d.status === "FAILED");
  const counts = new Map<string, number>();
  for (const delivery of message.deliveries) counts.set(statusLabel[delivery.status], (counts.get(statusLabel[delivery.status]) ?? 0) + 1);
  const summary = message.deliveries.length === 1 ? statusLabel[message.deliveries[0]!.status] : [...counts].map(([label, n]) => `${label} ${n}`).join(" · ");
  return (
    <p className="mt-0.5 text-[11px] text-slate-500" data-testid="delivery-status">
      {summary}
      {failed.map((d) => <span key={d.toPhone} className="block text-red-700">{d.toPhone}: {d.failureReason}</span>)}
    </p>
  );
}

export function RoomMessageList({ messages, pending, myUserId, onRetry, hasOlder, onLoadOlder, className = "" }: {
  messages: RoomMessageDto[];
  pending: PendingMessage[];
  myUserId: string;
  onRetry: (pending: PendingMessage) => void;
  hasOlder: boolean;
  onLoadOlder: () => void;
  className?: string;
}) {
  const bottom = useRef<HTMLDivElement>(null);
  const count = messages.length + pending.length;
  useEffect(() => {
    bottom.current?.scrollIntoView({ block: "end" });
  }, [count]);
  return (
    <ol className={`flex flex-col gap-2 overflow-y-auto p-3 ${className}`} aria-label="Messages" data-testid="room-messages">
      {hasOlder ? (
        <li className="text-center"><button type="button" onClick={onLoadOlder} className="text-xs text-brand-700 underline">Older messages</button></li>
      ) : null}
      {messages.map((message) => {
        if (message.kind === "SYSTEM") return <li key={message.seq} className="text-center text-xs text-slate-500">{message.body}</li>;
        const mine = message.authorUserId === myUserId;
        return (
          <li key={message.seq} className={`max-w-[85%] ${mine ? "self-end text-right" : "self-start"}`} data-testid="room-message">
            {!mine ? <p className="text-[11px] font-medium text-slate-600">{message.authorName}</p> : null}
            {message.attachments.length ? <div className="text-left"><AttachmentList attachments={message.attachments} /></div> : null}
            {message.body ? <p className={`whitespace-pre-wrap break-words rounded-lg px-3 py-1.5 text-left text-sm ${mine ? "bg-brand-600 text-white" : "bg-slate-100 text-slate-900"}`}>{linkify(message.body)}</p> : null}
            <p className="text-[11px] text-slate-400"><LocalTime iso={message.createdAt} pattern="HH:mm" /></p>
            {mine ? <DeliveryLine message={message} /> : null}
          </li>
        );
      })}
      {pending.map((p) => (
        <li key={p.clientMessageId} className="max-w-[85%] self-end text-right">
          <p className="whitespace-pre-wrap break-words rounded-lg bg-brand-600/60 px-3 py-1.5 text-left text-sm text-white">{p.body}</p>
          {p.error ? (
            <p className="text-[11px] text-red-700" role="alert">{p.error} <button type="button" className="underline" onClick={() => onRetry(p)}>Retry</button></p>
          ) : <p className="text-[11px] text-slate-400">Sending…</p>}
        </li>
      ))}
      <div ref={bottom} />
    </ol>
  );
}

/** Links in messages (meeting links, invites) are clickable; everything else stays text. */
function linkify(text: string): React.ReactNode[] {
  return text.split(/(https?:\/\/[^\s]+)/g).map((part, index) =>
    /^https?:\/\//.test(part) ? <a key={index} href={part} target="_blank" rel="noreferrer" className="underline">{part}</a> : part,
  );
}
