"use client";

/** The public web-chat page a customer sees: introduce yourself, write, see replies live, see when the chat ends. */
import { LocalTime } from "@/components/common/local-time";
import { useEffect, useRef, useState, type FormEvent } from "react";
import type { AttachmentDto } from "@/lib/conversations/dto";
import { AttachmentList } from "@/components/files/attachment-list";
import { useAttachments, type FilePolicyView } from "@/components/files/use-attachments";
import { ApiError } from "@/components/common/api-client";
import { Composer } from "@/components/conversations/composer";
import { useCustomerChat } from "./use-customer-chat";

const statusText: Record<string, string> = { SENT: "Sent", DELIVERED: "Delivered", READ: "Seen", RECEIVED: "Sent", QUEUED: "Sending", FAILED: "Failed" };

export function CustomerChat({ entry, companyName, label, filePolicy }: { entry: string; companyName: string; label: string; filePolicy: FilePolicyView }) {
  const applyVerdict = useRef<(attachment: AttachmentDto) => void>(() => {});
  const chat = useCustomerChat(entry, (attachment) => applyVerdict.current(attachment));
  const files = useAttachments({ uploadUrl: `/api/webchat/${entry}/attachments`, token: chat.token, policy: filePolicy });
  useEffect(() => {
    applyVerdict.current = files.applyUpdate;
  });
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    scroller.current?.scrollTo({ top: scroller.current.scrollHeight });
  }, [chat.messages.length, chat.outgoing.length]);

  if (!chat.ready) return null;
  if (!chat.token) return <StartForm companyName={companyName} label={label} onStart={chat.start} />;

  const ended = chat.conversation?.status === "ended";
  const shown = new Set(chat.messages.map((m) => m.clientMessageId).filter(Boolean));
  return (
    <div className="mx-auto flex h-dvh max-w-2xl flex-col bg-white sm:my-4 sm:h-[calc(100dvh-2rem)] sm:rounded-xl sm:border sm:border-slate-200 sm:shadow-sm">
      <header className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
        <div>
          <h1 className="font-semibold">{companyName}</h1>
          <p className="text-xs text-slate-500">{label} · {chat.connected ? "connected" : "reconnecting…"}</p>
        </div>
        {ended ? <button type="button" onClick={chat.leave} className="text-sm text-brand-700 underline">Start over</button> : null}
      </header>
      <div ref={scroller} className="min-h-0 flex-1 overflow-y-auto bg-slate-50 px-4 py-3">
        {chat.messages.length === 0 && chat.outgoing.length === 0 ? (
          <p className="mt-8 text-center text-sm text-slate-600">Hi {chat.customer?.name ?? ""}! Write your question below and an agent will answer shortly.</p>
        ) : null}
        <ul className="space-y-2" aria-label="Chat messages" aria-live="polite">
          {chat.messages.map((m) =>
            m.direction === "SYSTEM" ? (
              <li key={m.seq} className="text-center text-xs text-slate-500" data-testid="customer-message" data-direction="SYSTEM">{m.body}</li>
            ) : (
              <li key={m.seq} className={`flex ${m.direction === "INBOUND" ? "justify-end" : "justify-start"}`} data-testid="customer-message" data-direction={m.direction}>
                <div className={`max-w-[80%] rounded-lg px-3 py-2 text-sm ${m.direction === "INBOUND" ? "bg-brand-600 text-white" : "bg-white ring-1 ring-slate-200"}`}>
                  <AttachmentList attachments={m.attachments} token={chat.token} />
                  {m.body ? <p className="whitespace-pre-wrap break-words">{m.body}</p> : null}
                  <p className={`mt-1 text-[11px] ${m.direction === "INBOUND" ? "text-brand-100" : "text-slate-500"}`}>
                    {m.direction === "OUTBOUND" && m.authorName ? `${m.authorName} · ` : ""}<LocalTime iso={m.createdAt} pattern="HH:mm" />
                    {m.direction === "INBOUND" ? ` · ${statusText[m.status] ?? ""}` : ""}
                  </p>
                </div>
              </li>
            ),
          )}
          {chat.outgoing.filter((o) => !shown.has(o.clientMessageId)).map((o) => (
            <li key={o.clientMessageId} className="flex justify-end">
              <div className="max-w-[80%] rounded-lg bg-brand-100 px-3 py-2 text-sm">
                <p className="whitespace-pre-wrap break-words">{o.body || `📎 ${o.attachmentIds?.length ?? 0} file(s)`}</p>
                <p className="mt-1 text-[11px] text-slate-600">
                  {o.state === "sending" ? "Sending…" : <>Not sent: {o.error} · <button type="button" className="underline" onClick={() => void chat.send(o.body, o.clientMessageId, o.attachmentIds)}>Retry</button></>}
                </p>
              </div>
            </li>
          ))}
        </ul>
        {ended ? <p role="status" className="mt-4 rounded-md bg-slate-200 px-3 py-2 text-center text-sm" data-testid="chat-ended">This chat has ended. Write again to start a new conversation.</p> : null}
      </div>
      {/* Files belong to a conversation: they can be attached once the chat has started. */}
      <Composer onSend={(body, attachmentIds) => void chat.send(body, undefined, attachmentIds)} placeholder="Write a message…"
        files={chat.conversation && !ended ? files : undefined} />
    </div>
  );
}

function StartForm({ companyName, label, onStart }: { companyName: string; label: string; onStart: (name: string, email: string) => Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      await onStart(String(form.get("name") ?? ""), String(form.get("email") ?? ""));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not start the chat. Please try again.");
    }
  }
  return (
    <main className="flex min-h-dvh items-center justify-center px-4">
      <form onSubmit={submit} className="w-full max-w-sm space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <div>
          <h1 className="text-xl font-semibold">Chat with {companyName}</h1>
          <p className="text-sm text-slate-600">{label}</p>
        </div>
        <div>
          <label htmlFor="customer-name" className="block text-sm font-medium">Your name</label>
          <input id="customer-name" name="name" required autoComplete="name" className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2" />
        </div>
        <div>
          <label htmlFor="customer-email" className="block text-sm font-medium">Email <span className="font-normal text-slate-500">(optional)</span></label>
          <input id="customer-email" name="email" type="email" autoComplete="email" className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2" />
        </div>
        {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
        <button type="submit" className="w-full rounded-md bg-brand-600 px-3 py-2 font-medium text-white">Start chat</button>
      </form>
    </main>
  );
}
