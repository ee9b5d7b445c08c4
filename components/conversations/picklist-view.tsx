"use client";

/**
 * The live picklist: cards appear when a conversation starts waiting in one
 * of your queues and disappear the moment anyone picks it. Picking is
 * decided by the server; losing a race shows who won.
 */
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import type { PicklistItemDto } from "@/lib/conversations/dto";
import { api, ApiError } from "@/components/common/api-client";
import { useToast } from "@/components/common/toast";
import { useOnConnect, useSocket, useSocketEvent, viaSocketOrHttp } from "@/components/realtime/socket-provider";
import { PicklistCard } from "./picklist-card";

export function PicklistView({ initialItems }: { initialItems: PicklistItemDto[] }) {
  const [items, setItems] = useState(initialItems);
  const [picking, setPicking] = useState<string | null>(null);
  const router = useRouter();
  const { socket } = useSocket();
  const toast = useToast();

  const refresh = useCallback(async () => {
    const { items: fresh } = await api<{ items: PicklistItemDto[] }>("/api/v1/picklist");
    setItems(fresh);
  }, []);

  useOnConnect(() => void refresh().catch(() => undefined));

  useSocketEvent("picklist:added", ({ item }) => {
    setItems((list) => (list.some((i) => i.id === item.id) ? list : [...list, item].sort((a, b) => a.arrivedAt.localeCompare(b.arrivedAt))));
  });
  useSocketEvent("picklist:removed", ({ removed }) => {
    const gone = new Set(removed.map((r) => r.conversationId));
    setItems((list) => list.filter((i) => !gone.has(i.id)));
  });

  async function pick(id: string) {
    setPicking(id);
    try {
      await viaSocketOrHttp(socket, "conversation:pick", { conversationId: id }, () => api(`/api/v1/conversations/${id}/pick`, { method: "POST" }));
      router.push(`/conversations/${id}`);
    } catch (error) {
      toast(error instanceof ApiError ? error.message : "Could not pick the conversation.", "error");
      if (error instanceof ApiError && error.status === 409) setItems((list) => list.filter((i) => i.id !== id));
    } finally {
      setPicking(null);
    }
  }

  if (items.length === 0) {
    return <p className="mt-6 rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">No conversations are waiting. New ones appear here as they arrive.</p>;
  }
  return (
    <ul className="mt-4 space-y-2" aria-label="Waiting conversations">
      {items.map((item) => (
        <PicklistCard key={item.id} item={item} picking={picking === item.id} onPick={() => void pick(item.id)} />
      ))}
    </ul>
  );
}
