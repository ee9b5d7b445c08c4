"use client";

/**
 * The chat/SMS widgets of one browser tab: which conversations are open
 * (docked, minimized or not), your conversation list with unread counts, and
 * the attention signals for new messages (tone, green minimized widget,
 * browser notification when the page is not active; none of them for a
 * muted conversation). Open widgets survive navigation and reloads.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { api } from "@/components/common/api-client";
import { playTone, showBrowserNotification } from "@/components/common/notify";
import { useOnConnect, useSocketEvent } from "@/components/realtime/socket-provider";
import type { RoomMessageDto, RoomSummaryDto } from "@/lib/rooms/dto";

/** A recipient chip of the "To" field. */
export type RecipientChip = { type: "user"; id: string; label: string } | { type: "phone"; number: string; label: string };

export interface OpenWidget {
  key: string;
  /** null while it is a new conversation not yet sent. */
  roomId: string | null;
  draftTo: RecipientChip[];
  minimized: boolean;
  /** A new message arrived while minimized: the widget turns green. */
  attention: boolean;
}

interface WidgetContextValue {
  me: { userId: string; name: string };
  rooms: RoomSummaryDto[];
  roomById: (roomId: string) => RoomSummaryDto | undefined;
  widgets: OpenWidget[];
  openRoom: (roomId: string, options?: { minimized?: boolean }) => void;
  /** Opens the conversation with exactly this recipient, or a new-conversation widget addressed to them. */
  openWith: (recipient: RecipientChip) => Promise<void>;
  newConversation: () => void;
  close: (key: string) => void;
  setMinimized: (key: string, minimized: boolean) => void;
  /** A new conversation was sent: its widget becomes the room's widget. */
  roomStarted: (key: string, roomId: string) => void;
  refreshRoom: (roomId: string) => Promise<void>;
  /** Applies a room summary the server answered with (rename, mute, remove). */
  putRoom: (room: RoomSummaryDto) => void;
  dropRoom: (roomId: string) => void;
}

const WidgetContext = createContext<WidgetContextValue | null>(null);

export function useWidgets(): WidgetContextValue {
  const value = useContext(WidgetContext);
  if (!value) throw new Error("useWidgets needs a WidgetProvider");
  return value;
}

const storageKey = (userId: string) => `parley:widgets:${userId}`;

function restoreWidgets(userId: string): OpenWidget[] {
  try {
    const saved = JSON.parse(localStorage.getItem(storageKey(userId)) ?? "[]") as Array<{ roomId: string; minimized: boolean }>;
    return saved.filter((w) => typeof w.roomId === "string").map((w) => ({ key: w.roomId, roomId: w.roomId, draftTo: [], minimized: Boolean(w.minimized), attention: false }));
  } catch {
    return [];
  }
}

export function WidgetProvider({ me, notify, children }: { me: { userId: string; name: string }; notify: boolean; children: React.ReactNode }) {
  const [rooms, setRooms] = useState<RoomSummaryDto[]>([]);
  const [widgets, setWidgets] = useState<OpenWidget[]>([]);
  const restored = useRef(false);
  const roomsRef = useRef(rooms);
  const widgetsRef = useRef(widgets);
  useEffect(() => {
    roomsRef.current = rooms;
    widgetsRef.current = widgets;
  });

  useEffect(() => {
    if (!restored.current) return;
    const saved = widgets.filter((w) => w.roomId).map((w) => ({ roomId: w.roomId, minimized: w.minimized }));
    localStorage.setItem(storageKey(me.userId), JSON.stringify(saved));
  }, [widgets, me.userId]);

  const loadRooms = useCallback(async () => {
    try {
      setRooms((await api<{ items: RoomSummaryDto[] }>("/api/v1/rooms")).items);
    } catch {
      // Shown as an empty list; the next reconnect reads again.
    }
  }, []);
  useOnConnect(() => {
    // Widgets are restored once the socket is up (never while rendering on the server, where there is no localStorage).
    if (!restored.current) {
      restored.current = true;
      const saved = restoreWidgets(me.userId);
      if (saved.length) setWidgets(saved);
    }
    void loadRooms();
  });

  const putRoom = useCallback((room: RoomSummaryDto) => {
    setRooms((current) => [room, ...current.filter((r) => r.id !== room.id)].sort((a, b) => b.lastMessageAt.localeCompare(a.lastMessageAt)));
  }, []);
  const dropRoom = useCallback((roomId: string) => {
    setRooms((current) => current.filter((r) => r.id !== roomId));
    setWidgets((current) => current.filter((w) => w.roomId !== roomId));
  }, []);

  const refreshRoom = useCallback(
    async (roomId: string) => {
      try {
        putRoom((await api<{ room: RoomSummaryDto }>(`/api/v1/rooms/${roomId}`)).room);
      } catch {
        // Not yours any more (left, removed, deleted): it leaves the list and the dock.
        dropRoom(roomId);
      }
    },
    [putRoom, dropRoom],
  );

  const openRoom = useCallback((roomId: string, options: { minimized?: boolean } = {}) => {
    setWidgets((current) => {
      const existing = current.find((w) => w.roomId === roomId);
      if (existing) return current.map((w) => (w === existing ? { ...w, minimized: options.minimized ?? false, attention: options.minimized ? w.attention : false } : w));
      return [...current, { key: roomId, roomId, draftTo: [], minimized: options.minimized ?? false, attention: Boolean(options.minimized) }];
    });
  }, []);

  const newDraft = useCallback((draftTo: RecipientChip[]) => {
    setWidgets((current) => [...current, { key: `draft:${crypto.randomUUID()}`, roomId: null, draftTo, minimized: false, attention: false }]);
  }, []);

  const openWith = useCallback(
    async (recipient: RecipientChip) => {
      const to = [recipient.type === "user" ? { type: "user", id: recipient.id } : { type: "phone", number: recipient.number }];
      try {
        const { roomId } = await api<{ roomId: string | null }>("/api/v1/rooms/lookup", { body: { to } });
        if (roomId) {
          if (!roomsRef.current.some((r) => r.id === roomId)) await refreshRoom(roomId);
          openRoom(roomId);
          return;
        }
      } catch {
        // e.g. no SMS number assigned: the new-conversation widget explains it when sending.
      }
      newDraft([recipient]);
    },
    [openRoom, newDraft, refreshRoom],
  );

  const close = useCallback((key: string) => setWidgets((current) => current.filter((w) => w.key !== key)), []);
  const setMinimized = useCallback((key: string, minimized: boolean) => {
    setWidgets((current) => current.map((w) => (w.key === key ? { ...w, minimized, attention: minimized ? w.attention : false } : w)));
  }, []);
  const roomStarted = useCallback(
    (key: string, roomId: string) => {
      setWidgets((current) => {
        const other = current.find((w) => w.roomId === roomId && w.key !== key);
        const updated = current.map((w) => (w.key === key ? { ...w, key: roomId, roomId, draftTo: [] } : w));
        return other ? updated.filter((w) => w !== other) : updated;
      });
      void refreshRoom(roomId);
    },
    [refreshRoom],
  );

  const onMessage = useCallback(
    (message: RoomMessageDto) => {
      const room = roomsRef.current.find((r) => r.id === message.roomId);
      const fromSomeoneElse = message.authorUserId !== me.userId && message.kind === "TEXT";
      const widget = widgetsRef.current.find((w) => w.roomId === message.roomId);
      const seeing = Boolean(widget && !widget.minimized && document.visibilityState === "visible");
      if (!room) void refreshRoom(message.roomId);
      else {
        putRoom({
          ...room,
          lastSeq: Math.max(room.lastSeq, message.seq),
          lastMessageAt: message.createdAt,
          lastMessage: { body: message.body, authorName: message.authorName, createdAt: message.createdAt },
          unread: fromSomeoneElse && !seeing ? room.unread + 1 : room.unread,
        });
      }
      if (!fromSomeoneElse || room?.muted) return;
      if (!widget) openRoom(message.roomId, { minimized: true });
      else if (widget.minimized) setWidgets((current) => current.map((w) => (w.key === widget.key ? { ...w, attention: true } : w)));
      if (notify && !seeing) playTone();
      if (document.visibilityState !== "visible") {
        showBrowserNotification(message.authorName ?? "New message", message.body, `room:${message.roomId}`, () => openRoom(message.roomId));
      }
    },
    [me.userId, notify, openRoom, putRoom, refreshRoom],
  );

  useSocketEvent("room:message", ({ message }) => onMessage(message));
  useSocketEvent("room:changed", ({ roomId }) => void refreshRoom(roomId));
  useSocketEvent("room:read", ({ roomId, lastReadSeq }) => {
    const room = roomsRef.current.find((r) => r.id === roomId);
    if (room && lastReadSeq > room.lastReadSeq) putRoom({ ...room, lastReadSeq, unread: lastReadSeq >= room.lastSeq ? 0 : room.unread });
  });

  const value = useMemo<WidgetContextValue>(
    () => ({
      me,
      rooms,
      roomById: (roomId) => rooms.find((r) => r.id === roomId),
      widgets,
      openRoom,
      openWith,
      newConversation: () => newDraft([]),
      close,
      setMinimized,
      roomStarted,
      refreshRoom,
      putRoom,
      dropRoom,
    }),
    [me, rooms, widgets, openRoom, openWith, newDraft, close, setMinimized, roomStarted, refreshRoom, putRoom, dropRoom],
  );
  return <WidgetContext.Provider value={value}>{children}</WidgetContext.Provider>;
}
