"use client";

import { useState } from "react";
import type { QueueConfig } from "@/lib/routing/queue-config";
import { QueueEditor } from "./queue-editor";

type Options = Parameters<typeof QueueEditor>[0]["options"];

export function QueueSettings({ initialQueues, options }: { initialQueues: QueueConfig[]; options: Options }) {
  const [queues, setQueues] = useState(initialQueues);
  const [adding, setAdding] = useState(false);
  return (
    <div className="space-y-4">
      {queues.map((q) => (
        <QueueEditor key={q.id} queue={q} options={options} onSaved={(saved) => setQueues((list) => list.map((x) => (x.id === saved.id ? saved : x)))} />
      ))}
      {adding ? (
        <QueueEditor queue={null} options={options} onSaved={(saved) => { setQueues((list) => [...list, saved]); setAdding(false); }} />
      ) : (
        <button type="button" onClick={() => setAdding(true)} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">Add a queue</button>
      )}
    </div>
  );
}
