"use client";

/**
 * One docked conversation widget: the header says whether it is a chat or
 * an SMS (and from which number), with the people panel, video (chats only),
 * the More menu, minimize and close; then the saved history and the composer.
 */
import { useEffect, useState } from "react";
import { api, ApiError } from "@/components/common/api-client";
import type { RoomSummaryDto } from "@/lib/rooms/dto";
import { useWidgets, type OpenWidget } from "./widget-provider";
import { useRoomMessages } from "./use-room-messages";
import { RoomMessageList } from "./room-message-list";
import { WidgetComposer } from "./widget-composer";
import { WidgetFrame } from "./widget-frame";
import { CloseIcon, MoreIcon, PeopleIcon } from "./icons";
import { VideoMenu } from "@/components/meetings/video-menu";
import { useAttachments } from "@/components/files/use-attachments";
import { useSocketEvent } from "@/components/realtime/socket-provider";
import { useRoomFilePolicy } from "./use-room-file-policy";

export function KindBadge({ room }: { room: Pick<RoomSummaryDto, "kind" | "fromNumber"> }) {
  return room.kind === "CHAT" ? (
    <span className="rounded bg-sky-100 px-1.5 py-0.5 text-[10px] font-semibold uppercase text-sky-800" data-testid="room-kind">Chat</span>
  ) : (
    <span className="rounded bg-amber-100 px-1.5 py-0.5 text-[10px] font-semibold uppercase text-amber-800" data-testid="room-kind" title={room.fromNumber ? `From ${room.fromNumber.number}` : undefined}>SMS</span>
  );
}

type Panel = "none" | "people" | "more" | "rename" | "delete";

export function RoomWidget({ widget, room }: { widget: OpenWidget; room: RoomSummaryDto | undefined }) {
  const { me, close, setMinimized, putRoom, dropRoom } = useWidgets();
  const roomId = widget.roomId!;
  const { messages, pending, hasOlder, loadError, loadOlder, send } = useRoomMessages(roomId);
  const files = useAttachments({ uploadUrl: `/api/v1/rooms/${roomId}/attachments`, policy: useRoomFilePolicy(room?.kind ?? "CHAT") });
  useSocketEvent("attachment:updated", (event) => {
    if (event.roomId === roomId) files.applyUpdate(event.attachment);
  });
  const [panel, setPanel] = useState<Panel>("none");
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState("");

  const lastSeq = messages.at(-1)?.seq ?? 0;
  useEffect(() => {
    // Reading happens when the widget is open and the page is in front.
    if (widget.minimized || !room || lastSeq <= room.lastReadSeq || document.visibilityState !== "visible") return;
    void api(`/api/v1/rooms/${roomId}/read`, { body: { upToSeq: lastSeq } }).then(() => putRoom({ ...room, lastReadSeq: lastSeq, unread: 0 })).catch(() => undefined);
  }, [widget.minimized, room, lastSeq, roomId, putRoom]);

  async function act(run: () => Promise<void>) {
    setError(null);
    try {
      await run();
      setPanel("none");
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : "That did not work. Try again.");
    }
  }

  const update = (body: Record<string, unknown>) => act(async () => putRoom((await api<{ room: RoomSummaryDto }>(`/api/v1/rooms/${roomId}`, { method: "PATCH", body })).room));
  const remove = (participant: { type: "user" | "phone"; id: string }) =>
    act(async () => putRoom((await api<{ room: RoomSummaryDto }>(`/api/v1/rooms/${roomId}/participants/remove`, { body: participant })).room));
  const leave = () => act(async () => {
    await api(`/api/v1/rooms/${roomId}/leave`, { method: "POST", body: {} });
    dropRoom(roomId);
  });
  const deleteForMe = () => act(async () => {
    await api(`/api/v1/rooms/${roomId}`, { method: "DELETE" });
    dropRoom(roomId);
  });

  const title = room?.title ?? "Conversation";
  const canLeave = room ? room.memberCount >= 2 && room.memberCount - 1 + room.participants.filter((p) => p.type === "phone").length >= 2 : false;
  const removable = room ? room.participants.length > 1 : false;

  const headerButtons = (
    <>
      <button type="button" aria-label="People" aria-expanded={panel === "people"} onClick={() => setPanel(panel === "people" ? "none" : "people")} className="rounded p-1 hover:bg-white/20"><PeopleIcon /></button>
      {room?.kind === "CHAT" ? <VideoMenu roomId={roomId} onError={setError} /> : null}
      <button type="button" aria-label="More" aria-expanded={panel === "more"} onClick={() => setPanel(panel === "more" ? "none" : "more")} className="rounded p-1 hover:bg-white/20"><MoreIcon /></button>
    </>
  );

  return (
    <WidgetFrame widget={widget} title={title} unread={room?.unread ?? 0} badge={room ? <KindBadge room={room} /> : null} buttons={headerButtons}
      onMinimize={(minimized) => setMinimized(widget.key, minimized)} onClose={() => close(widget.key)}>
      {room?.kind === "SMS" && room.fromNumber ? <p className="border-b border-slate-100 px-3 py-1 text-[11px] text-slate-500">SMS from {room.fromNumber.number} ({room.fromNumber.label})</p> : null}
      {panel === "people" && room ? (
        <div className="border-b border-slate-200 bg-slate-50 p-2" data-testid="people-panel">
          <p className="mb-1 text-xs font-semibold text-slate-600">People</p>
          <ul className="space-y-1">
            {room.participants.map((p) => (
              <li key={`${p.type}:${p.id}`} className="flex items-center justify-between text-sm">
                <span>{p.name}{p.detail && p.detail !== p.name ? <span className="ml-1 text-xs text-slate-500">{p.detail}</span> : null}</span>
                {removable ? <button type="button" aria-label={`Remove ${p.name}`} onClick={() => void remove({ type: p.type, id: p.id })} className="rounded p-0.5 text-slate-500 hover:bg-slate-200"><CloseIcon className="h-3.5 w-3.5" /></button> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {panel === "more" && room ? (
        <ul role="menu" aria-label="Conversation options" className="border-b border-slate-200 bg-slate-50 py-1 text-sm">
          <li><button role="menuitem" type="button" className="w-full px-3 py-1.5 text-left hover:bg-slate-100" onClick={() => void update({ muted: !room.muted })}>{room.muted ? "Turn notifications on" : "Mute notifications"}</button></li>
          <li><button role="menuitem" type="button" className="w-full px-3 py-1.5 text-left hover:bg-slate-100" onClick={() => { setName(room.renamed ? room.title : ""); setPanel("rename"); }}>Rename</button></li>
          {canLeave ? <li><button role="menuitem" type="button" className="w-full px-3 py-1.5 text-left hover:bg-slate-100" onClick={() => void leave()}>Leave</button></li> : null}
          <li><button role="menuitem" type="button" className="w-full px-3 py-1.5 text-left text-red-700 hover:bg-slate-100" onClick={() => setPanel("delete")}>Delete</button></li>
        </ul>
      ) : null}
      {panel === "rename" ? (
        <form className="flex gap-1 border-b border-slate-200 bg-slate-50 p-2" onSubmit={(e) => { e.preventDefault(); void update({ name }); }}>
          <label className="sr-only" htmlFor={`rename-${roomId}`}>Conversation name</label>
          <input id={`rename-${roomId}`} value={name} onChange={(e) => setName(e.target.value)} maxLength={80} placeholder="Name (empty: people's names)" className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1 text-sm" autoFocus />
          <button type="submit" className="rounded bg-brand-600 px-2 py-1 text-sm text-white">Save</button>
          <button type="button" className="rounded px-2 py-1 text-sm" onClick={() => setPanel("none")}>Cancel</button>
        </form>
      ) : null}
      {panel === "delete" ? (
        <div className="border-b border-slate-200 bg-red-50 p-2 text-sm" role="alertdialog" aria-label="Delete conversation">
          <p>Delete this conversation and its history for you? The others keep it.</p>
          <div className="mt-1 flex gap-2">
            <button type="button" className="rounded bg-red-600 px-2 py-1 text-white" onClick={() => void deleteForMe()}>Delete for me</button>
            <button type="button" className="rounded px-2 py-1" onClick={() => setPanel("none")}>Cancel</button>
          </div>
        </div>
      ) : null}
      {error || loadError ? <p role="alert" className="border-b border-red-200 bg-red-50 px-3 py-1 text-xs text-red-800">{error ?? loadError}</p> : null}
      <RoomMessageList messages={messages} pending={pending} myUserId={me.userId} hasOlder={hasOlder} onLoadOlder={() => void loadOlder()}
        onRetry={(p) => void send(p.body, p.attachmentIds, p.clientMessageId)} className="min-h-0 flex-1" />
      <WidgetComposer onSend={(body, attachmentIds) => void send(body, attachmentIds)} files={files} placeholder={room?.kind === "SMS" ? "Text message" : "Chat message"} />
    </WidgetFrame>
  );
}
