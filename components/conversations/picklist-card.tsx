import type { PicklistItemDto } from "@/lib/conversations/dto";
import { ChannelBadge, customerLabel } from "@/components/common/channel-badge";
import { WaitingTime } from "@/components/common/relative-time";
import { WindowCountdown } from "./window-countdown";

export function PicklistCard({ item, onPick, picking }: { item: PicklistItemDto; onPick: () => void; picking: boolean }) {
  const name = customerLabel(item.customer);
  return (
    <li className="flex items-start gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-testid="picklist-card" data-conversation-id={item.id}>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-2">
          <p className="font-medium">{name}</p>
          <ChannelBadge channel={item.channel} />
          <span className="text-xs text-slate-500">{item.queueName}</span>
        </div>
        <p className="mt-1 truncate text-sm text-slate-700">{item.preview || "…"}</p>
        <p className="mt-1 text-xs text-slate-500">
          Waiting <WaitingTime since={item.arrivedAt} />
          {item.windowExpiresAt ? <> · <WindowCountdown expiresAt={item.windowExpiresAt} /></> : null}
        </p>
      </div>
      <button type="button" onClick={onPick} disabled={picking} aria-label={`Pick conversation with ${name}`}
        className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {picking ? "Picking…" : "Pick"}
      </button>
    </li>
  );
}
