"use client";

/**
 * The agent's active conversations, live in every client: assigned ones
 * appear, transferred or ended ones leave, unread badges follow messages and
 * reads from any of the agent's clients.
 */
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useCallback, useState } from "react";
import type { ConversationSummaryDto } from "@/lib/conversations/dto";
import { sortConversations, type ConversationSort } from "@/lib/conversations/sort-conversations";
import { api } from "@/components/common/api-client";
import { ChannelBadge, customerLabel } from "@/components/common/channel-badge";
import { WaitingTime } from "@/components/common/relative-time";
import { useOnConnect, useSocketEvent } from "@/components/realtime/socket-provider";

export function ConversationList({ initialItems, currentUserId }: { initialItems: ConversationSummaryDto[]; currentUserId: string }) {
  const [items, setItems] = useState(initialItems);
  const [sort, setSort] = useState<ConversationSort>("lastMessage");
  const pathname = usePathname();

  const refresh = useCallback(() => {
    void api<{ items: ConversationSummaryDto[] }>("/api/v1/conversations").then(({ items: fresh }) => setItems(fresh)).catch(() => undefined);
  }, []);
  useOnConnect(refresh);

  useSocketEvent("conversation:assigned", ({ userId, conversation }) => {
    if (userId === currentUserId) setItems((list) => [...list.filter((c) => c.id !== conversation.id), conversation]);
  });
  useSocketEvent("conversation:unassigned", ({ userId, conversationId }) => {
    if (userId === currentUserId) setItems((list) => list.filter((c) => c.id !== conversationId));
  });
  useSocketEvent("message:created", ({ assigneeId, message }) => {
    if (assigneeId !== currentUserId) return;
    setItems((list) => list.map((c) => {
      if (c.id !== message.conversationId || message.seq <= c.lastSeq) return c;
      return { ...c, lastSeq: message.seq, lastMessageAt: message.createdAt, unread: c.unread + (message.direction === "INBOUND" ? 1 : 0) };
    }));
  });
  useSocketEvent("conversation:read", ({ userId, conversationId, lastReadSeq }) => {
    if (userId !== currentUserId) return;
    const stale = items.find((c) => c.id === conversationId && lastReadSeq < c.lastSeq);
    if (stale) refresh();
    else setItems((list) => list.map((c) => (c.id === conversationId ? { ...c, unread: 0 } : c)));
  });

  const sorted = sortConversations(items, sort);
  return (
    <div className="flex min-h-0 flex-col">
      <div className="flex items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">Conversations</h1>
        <label className="text-xs text-slate-600">
          Sort{" "}
          <select value={sort} onChange={(e) => setSort(e.target.value as ConversationSort)} className="rounded border border-slate-300 px-1 py-0.5 text-xs">
            <option value="lastMessage">Last message</option>
            <option value="arrival">Arrival time</option>
            <option value="unread">Unread</option>
          </select>
        </label>
      </div>
      {sorted.length === 0 ? <p className="mt-4 text-sm text-slate-600">No active conversations. Pick one from the Picklist.</p> : null}
      <ul className="mt-3 space-y-1 overflow-y-auto" aria-label="Active conversations">
        {sorted.map((c) => {
          const active = pathname === `/conversations/${c.id}`;
          return (
            <li key={c.id} data-testid="conversation-item" data-conversation-id={c.id}>
              <Link href={`/conversations/${c.id}`} aria-current={active ? "page" : undefined}
                className={`block rounded-md px-3 py-2 ${active ? "bg-brand-50 ring-1 ring-brand-100" : "hover:bg-white"}`}>
                <span className="flex items-center gap-2">
                  <span className={`flex-1 truncate text-sm ${c.unread > 0 ? "font-semibold" : ""}`}>{customerLabel(c.customer)}</span>
                  {c.unread > 0 ? <span className="rounded-full bg-brand-600 px-2 text-xs font-semibold text-white" data-testid="unread-badge" aria-label={`${c.unread} unread`}>{c.unread}</span> : null}
                </span>
                <span className="mt-0.5 flex items-center gap-2 text-xs text-slate-500">
                  <ChannelBadge channel={c.channel} /> <WaitingTime since={c.lastMessageAt} />
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
