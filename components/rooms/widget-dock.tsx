"use client";

/** Open widgets docked at the bottom right of every console page, newest on the left. */
import { useWidgets } from "./widget-provider";
import { RoomWidget } from "./room-widget";
import { NewConversationWidget } from "./new-conversation-widget";

export function WidgetDock() {
  const { widgets, roomById } = useWidgets();
  if (widgets.length === 0) return null;
  return (
    <div className="pointer-events-none fixed bottom-0 right-2 z-40 flex lg:right-[15.5rem] lg:max-w-[calc(100vw-28rem)] max-w-[calc(100vw-1rem)] flex-row-reverse items-end gap-2 overflow-x-auto" data-testid="widget-dock">
      {widgets.map((widget) =>
        widget.roomId ? <RoomWidget key={widget.key} widget={widget} room={roomById(widget.roomId)} /> : <NewConversationWidget key={widget.key} widget={widget} />,
      )}
    </div>
  );
}
