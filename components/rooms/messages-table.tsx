"use client";

/** Messages → "Chat and SMS": your widget conversations, unread ones in bold; a row opens its history. */
import { isToday } from "date-fns";
import { LocalTime } from "@/components/common/local-time";
import { useRouter } from "next/navigation";
import type { RoomSummaryDto } from "@/lib/rooms/dto";
import { useWidgets } from "./widget-provider";
import { KindBadge } from "./room-widget";

const when = (iso: string) => <LocalTime iso={iso} pattern={(date) => (isToday(date) ? "HH:mm" : "d MMM yyyy")} />;

export function MessagesTable({ initial }: { initial: RoomSummaryDto[] }) {
  const { rooms: live } = useWidgets();
  const router = useRouter();
  // The provider's list is live; before it loaded, the server's list is shown.
  const rooms = live.length ? live : initial;
  if (rooms.length === 0) return <p className="text-sm text-slate-600">No chat or SMS conversations yet. Start one from the contacts sidebar.</p>;
  return (
    <table className="w-full table-fixed border-collapse text-sm" data-testid="messages-table">
      <caption className="sr-only">Chat and SMS conversations, unread in bold</caption>
      <thead>
        <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
          <th scope="col" className="w-1/4 py-2 pr-2">With</th>
          <th scope="col" className="w-16 py-2 pr-2">Type</th>
          <th scope="col" className="py-2 pr-2">Last message</th>
          <th scope="col" className="w-24 py-2 pr-2">When</th>
          <th scope="col" className="w-16 py-2">Unread</th>
        </tr>
      </thead>
      <tbody>
        {rooms.map((room) => (
          <tr key={room.id} onClick={() => router.push(`/messages/${room.id}`)} data-testid="messages-row" data-unread={room.unread > 0}
            className={`cursor-pointer border-b border-slate-100 hover:bg-slate-50 ${room.unread > 0 ? "font-bold" : ""}`}>
            <td className="truncate py-2 pr-2"><a href={`/messages/${room.id}`} onClick={(e) => e.preventDefault()}>{room.title}</a></td>
            <td className="py-2 pr-2"><KindBadge room={room} /></td>
            <td className="truncate py-2 pr-2">{room.lastMessage ? `${room.lastMessage.authorName ? `${room.lastMessage.authorName}: ` : ""}${room.lastMessage.body}` : ""}</td>
            <td className="py-2 pr-2 text-slate-600">{when(room.lastMessageAt)}</td>
            <td className="py-2">{room.unread > 0 ? room.unread : ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
