"use client";

/** History: conversations you handled, paged as you scroll, newest or oldest first. */
import { LocalTime } from "@/components/common/local-time";
import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import type { HistoryPage } from "@/lib/conversations/list-history";
import { api } from "@/components/common/api-client";
import { ChannelBadge, customerLabel } from "@/components/common/channel-badge";

export function HistoryList({ initial }: { initial: HistoryPage }) {
  const [order, setOrder] = useState<"newest" | "oldest">("newest");
  const [items, setItems] = useState(initial.items);
  const [cursor, setCursor] = useState(initial.nextCursor);
  const [loading, setLoading] = useState(false);
  const sentinel = useRef<HTMLLIElement>(null);

  const load = useCallback(async (reset: boolean, nextOrder = order) => {
    setLoading(true);
    try {
      const params = new URLSearchParams({ order: nextOrder, limit: "25", ...(reset || !cursor ? {} : { cursor }) });
      const page = await api<HistoryPage>(`/api/v1/history?${params}`);
      setItems((list) => (reset ? page.items : [...list, ...page.items]));
      setCursor(page.nextCursor);
    } finally {
      setLoading(false);
    }
  }, [order, cursor]);

  useEffect(() => {
    const el = sentinel.current;
    if (!el || !cursor) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !loading) void load(false);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [cursor, loading, load]);

  return (
    <div>
      <label className="text-sm text-slate-600">
        Arrival time{" "}
        <select value={order} onChange={(e) => { const next = e.target.value as "newest" | "oldest"; setOrder(next); void load(true, next); }}
          className="rounded border border-slate-300 px-1 py-0.5 text-sm">
          <option value="newest">Newest first</option>
          <option value="oldest">Oldest first</option>
        </select>
      </label>
      <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label="Past conversations">
        {items.map((c) => (
          <li key={c.id} data-testid="history-item">
            <Link href={`/history/${c.id}`} className="flex flex-wrap items-center gap-2 px-4 py-3 hover:bg-slate-50">
              <span className="font-medium">{customerLabel(c.customer)}</span>
              <ChannelBadge channel={c.channel} />
              <span className="text-xs text-slate-500">{c.queueName} · arrived <LocalTime iso={c.arrivedAt} pattern="d MMM yyyy HH:mm" /></span>
              <span className="w-full truncate text-sm text-slate-600">{c.preview}</span>
            </Link>
          </li>
        ))}
        {items.length === 0 ? <li className="px-4 py-6 text-center text-sm text-slate-600">Conversations you handle appear here once they end.</li> : null}
        {cursor ? <li ref={sentinel} className="px-4 py-3 text-center text-xs text-slate-500">{loading ? "Loading…" : "Scroll for more"}</li> : null}
      </ul>
    </div>
  );
}
