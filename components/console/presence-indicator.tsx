"use client";

import { useSocket } from "@/components/realtime/socket-provider";

const labels = { online: "Online", connecting: "Connecting…", offline: "Offline — reconnecting" } as const;
const colors = { online: "bg-emerald-500", connecting: "bg-amber-400", offline: "bg-slate-400" } as const;

/** The signed-in user's own presence: online while this client holds a live connection. */
export function PresenceIndicator() {
  const { state } = useSocket();
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-slate-600" role="status" aria-live="polite" data-testid="presence">
      <span className={`h-2.5 w-2.5 rounded-full ${colors[state]}`} aria-hidden />
      {labels[state]}
    </span>
  );
}
