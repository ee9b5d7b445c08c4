import { LocalTime } from "@/components/common/local-time";
import type { MessageDto } from "@/lib/conversations/dto";
import { AttachmentList } from "@/components/files/attachment-list";
import type { PendingMessage } from "./use-conversation-messages";

const statusLabels: Record<MessageDto["status"], string> = {
  RECEIVED: "",
  QUEUED: "Queued",
  SENT: "Sent",
  DELIVERED: "Delivered",
  READ: "Read",
  FAILED: "Failed",
};

export function MessageBubble({ message, onRetry }: { message: MessageDto; onRetry?: () => void }) {
  if (message.direction === "SYSTEM") {
    return (
      <li className="my-2 text-center text-xs text-slate-500" data-testid="message" data-seq={message.seq}>
        {message.body} · <LocalTime iso={message.createdAt} pattern="HH:mm" />
      </li>
    );
  }
  const mine = message.direction === "OUTBOUND";
  return (
    <li className={`flex ${mine ? "justify-end" : "justify-start"}`} data-testid="message" data-seq={message.seq} data-direction={message.direction}>
      <div className={`max-w-[80%] rounded-lg px-3 py-2 text-sm ${mine ? "bg-brand-600 text-white" : "bg-white text-slate-900 ring-1 ring-slate-200"}`}>
        <AttachmentList attachments={message.attachments} />
        {message.body ? <p className="whitespace-pre-wrap break-words">{message.body}</p> : null}
        <p className={`mt-1 text-[11px] ${mine ? "text-brand-100" : "text-slate-500"}`}>
          {mine && message.authorName ? `${message.authorName} · ` : null}
          <LocalTime iso={message.createdAt} pattern="HH:mm" />
          {mine ? <span data-testid="message-status"> · {statusLabels[message.status]}</span> : null}
          {message.status === "FAILED" && message.failureReason ? <span data-testid="failure-reason"> — {message.failureReason}{message.failureCode ? ` (${message.failureCode})` : ""}</span> : null}
          {message.status === "FAILED" && onRetry ? <> · <button type="button" onClick={onRetry} className="underline">Retry</button></> : null}
        </p>
      </div>
    </li>
  );
}

export function PendingBubble({ pending, onRetry }: { pending: PendingMessage; onRetry: () => void }) {
  return (
    <li className="flex justify-end" data-testid="pending-message">
      <div className="max-w-[80%] rounded-lg bg-brand-100 px-3 py-2 text-sm text-slate-900">
        <p className="whitespace-pre-wrap break-words">{pending.body}</p>
        <p className="mt-1 text-[11px] text-slate-600">
          {pending.state === "sending" ? "Sending…" : <>Not sent{pending.error ? `: ${pending.error}` : ""} · <button type="button" className="underline" onClick={onRetry}>Retry</button></>}
        </p>
      </div>
    </li>
  );
}
