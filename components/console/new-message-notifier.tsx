"use client";

/**
 * When the setting is on and the page is not active, a customer's new message
 * in one of your conversations plays a short tone and shows a browser
 * notification.
 */
import { useRouter } from "next/navigation";
import { useRef } from "react";
import { useSocketEvent } from "@/components/realtime/socket-provider";

function playTone() {
  try {
    const context = new AudioContext();
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, context.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + 0.4);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start();
    oscillator.stop(context.currentTime + 0.4);
  } catch {
    // Audio can be blocked until the person interacts with the page; the notification still shows.
  }
}

export function NewMessageNotifier({ currentUserId, enabled }: { currentUserId: string; enabled: boolean }) {
  const seen = useRef(new Set<string>());
  const router = useRouter();
  useSocketEvent("message:created", ({ assigneeId, message }) => {
    if (!enabled || assigneeId !== currentUserId || message.direction !== "INBOUND") return;
    if (seen.current.has(message.id) || document.visibilityState === "visible") return;
    seen.current.add(message.id);
    playTone();
    if (typeof Notification !== "undefined" && Notification.permission === "granted") {
      const notification = new Notification("New message", { body: message.body.slice(0, 140), tag: message.conversationId });
      notification.onclick = () => {
        window.focus();
        router.push(`/conversations/${message.conversationId}`);
      };
    }
  });
  return null;
}
