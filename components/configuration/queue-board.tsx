"use client";

/** The live queue board: re-read whenever a queue or someone's presence changes. */
import { useCallback, useRef, useState } from "react";
import type { QueueBoardRow } from "@/lib/routing/queue-board";
import { api } from "@/components/common/api-client";
import { WaitingTime } from "@/components/common/relative-time";
import { useOnConnect, useSocketEvent } from "@/components/realtime/socket-provider";

export function QueueBoard({ initial }: { initial: QueueBoardRow[] }) {
  const [queues, setQueues] = useState(initial);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refresh = useCallback(() => {
    if (timer.current) return;
    // Coalesce bursts of events into one re-read.
    timer.current = setTimeout(() => {
      timer.current = null;
      void api<{ queues: QueueBoardRow[] }>("/api/v1/queues/board").then((r) => setQueues(r.queues)).catch(() => undefined);
    }, 250);
  }, []);
  useOnConnect(refresh);
  useSocketEvent("queue:changed", refresh);
  useSocketEvent("presence:changed", refresh);

  return (
    <div className="grid gap-4 md:grid-cols-2">
      {queues.map((q) => {
        const online = q.agents.filter((a) => a.online);
        const busy = online.filter((a) => a.activeConversations > 0);
        return (
          <section key={q.id} aria-label={`Queue ${q.name}`} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="board-queue">
            <h2 className="font-semibold">{q.name} <span className="text-xs font-normal text-slate-500">{q.mode === "PICK" ? "pick" : "offer"}</span></h2>
            <dl className="mt-2 grid grid-cols-3 gap-2 text-center">
              <div><dt className="text-xs text-slate-500">Waiting</dt><dd className="text-2xl font-semibold" data-testid="board-waiting">{q.waiting}</dd></div>
              <div><dt className="text-xs text-slate-500">Longest wait</dt><dd className="text-sm font-medium">{q.oldestWaitingSince ? <WaitingTime since={q.oldestWaitingSince} /> : "—"}</dd></div>
              <div><dt className="text-xs text-slate-500">Online / busy</dt><dd className="text-sm font-medium">{online.length} / {busy.length}</dd></div>
            </dl>
            <ul className="mt-3 space-y-1 text-sm">
              {q.agents.map((a) => (
                <li key={a.id} className="flex items-center gap-2">
                  <span className={`h-2 w-2 rounded-full ${a.online ? "bg-emerald-500" : "bg-slate-300"}`} aria-hidden />
                  <span className="flex-1">{a.name}</span>
                  <span className="text-xs text-slate-500">{a.online ? (a.activeConversations > 0 ? `busy · ${a.activeConversations} active` : "available") : "offline"}</span>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
