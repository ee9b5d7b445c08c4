"use client";

/** The full history of one widget conversation (Messages → a row), marked read when shown. */
import { useEffect } from "react";
import { api } from "@/components/common/api-client";
import type { RoomSummaryDto } from "@/lib/rooms/dto";
import { useRoomMessages } from "./use-room-messages";
import { RoomMessageList } from "./room-message-list";
import { useWidgets } from "./widget-provider";
import { KindBadge } from "./room-widget";

export function RoomHistory({ room }: { room: RoomSummaryDto }) {
  const { me, openRoom, putRoom } = useWidgets();
  const { messages, pending, hasOlder, loadError, loadOlder, send } = useRoomMessages(room.id);
  const lastSeq = messages.at(-1)?.seq ?? 0;
  useEffect(() => {
    if (lastSeq > room.lastReadSeq) void api(`/api/v1/rooms/${room.id}/read`, { body: { upToSeq: lastSeq } }).then(() => putRoom({ ...room, lastReadSeq: lastSeq, unread: 0 })).catch(() => undefined);
  }, [lastSeq, room, putRoom]);
  return (
    <div className="mt-3 rounded-lg border border-slate-200 bg-white">
      <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
        <div>
          <h1 id="room-history-heading" className="flex items-center gap-2 text-lg font-semibold">{room.title} <KindBadge room={room} /></h1>
          <p className="text-xs text-slate-500">
            {room.participants.map((p) => (p.detail && p.detail !== p.name ? `${p.name} (${p.detail})` : p.name)).join(", ")}
            {room.fromNumber ? ` · from ${room.fromNumber.number}` : ""}
          </p>
        </div>
        <button type="button" onClick={() => openRoom(room.id)} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white">Open in widget</button>
      </div>
      {loadError ? <p role="alert" className="px-4 py-2 text-sm text-red-800">{loadError}</p> : null}
      <RoomMessageList messages={messages} pending={pending} myUserId={me.userId} hasOlder={hasOlder} onLoadOlder={() => void loadOlder()}
        onRetry={(p) => void send(p.body, p.attachmentIds, p.clientMessageId)} className="max-h-[70vh]" />
    </div>
  );
}
