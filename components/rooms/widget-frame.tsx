"use client";

/** The docked window around a widget: a header bar (green when something new arrived while minimized) and its body. */
import { CloseIcon, ExpandIcon, MinimizeIcon } from "./icons";
import type { OpenWidget } from "./widget-provider";

export function WidgetFrame({ widget, title, unread = 0, badge, buttons, onMinimize, onClose, children }: {
  widget: OpenWidget;
  title: string;
  unread?: number;
  badge?: React.ReactNode;
  buttons?: React.ReactNode;
  onMinimize: (minimized: boolean) => void;
  onClose: () => void;
  children: React.ReactNode;
}) {
  const headerColor = widget.minimized && widget.attention ? "bg-emerald-500 text-white" : "bg-slate-800 text-white";
  return (
    <section aria-label={`Conversation: ${title}`} data-testid="widget" data-minimized={widget.minimized} data-attention={widget.attention}
      className={`pointer-events-auto flex w-72 shrink-0 flex-col overflow-hidden rounded-t-lg border border-slate-300 bg-white shadow-xl ${widget.minimized ? "" : "h-[26rem]"}`}>
      <header className={`flex items-center gap-1 px-2 py-1.5 ${headerColor}`} data-testid="widget-header">
        <button type="button" className="flex min-w-0 flex-1 items-center gap-1.5 text-left" onClick={() => onMinimize(!widget.minimized)} aria-label={widget.minimized ? `Open ${title}` : `Minimize ${title}`}>
          <span className="truncate text-sm font-medium" data-testid="widget-title">{title}</span>
          {badge}
          {widget.minimized && unread > 0 ? <span className="rounded-full bg-white px-1.5 text-[10px] font-bold text-slate-900">{unread}</span> : null}
        </button>
        {!widget.minimized ? buttons : null}
        <button type="button" aria-label={widget.minimized ? "Expand" : "Minimize"} onClick={() => onMinimize(!widget.minimized)} className="rounded p-1 hover:bg-white/20">
          {widget.minimized ? <ExpandIcon /> : <MinimizeIcon />}
        </button>
        <button type="button" aria-label="Close" onClick={onClose} className="rounded p-1 hover:bg-white/20"><CloseIcon /></button>
      </header>
      {widget.minimized ? null : <div className="flex min-h-0 flex-1 flex-col">{children}</div>}
    </section>
  );
}
