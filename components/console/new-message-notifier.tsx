"use client";

/**
 * When the setting is on and the page is not active, a customer's new message
 * in one of your conversations plays a short tone and shows a browser
 * notification.
 */
import { useRouter } from "next/navigation";
import { useRef } from "react";
import { useSocketEvent } from "@/components/realtime/socket-provider";
import { playTone, showBrowserNotification } from "@/components/common/notify";

export function NewMessageNotifier({ currentUserId, enabled }: { currentUserId: string; enabled: boolean }) {
  const seen = useRef(new Set<string>());
  const router = useRouter();
  useSocketEvent("message:created", ({ assigneeId, message }) => {
    if (!enabled || assigneeId !== currentUserId || message.direction !== "INBOUND") return;
    if (seen.current.has(message.id) || document.visibilityState === "visible") return;
    seen.current.add(message.id);
    playTone();
    showBrowserNotification("New message", message.body, message.conversationId, () => router.push(`/conversations/${message.conversationId}`));
  });
  return null;
}
