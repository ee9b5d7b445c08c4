"use client";

import { useState } from "react";
import { api } from "@/components/common/api-client";
import { useToast } from "@/components/common/toast";

export function NotificationSetting({ initial }: { initial: boolean }) {
  const [enabled, setEnabled] = useState(initial);
  const toast = useToast();

  async function change(next: boolean) {
    setEnabled(next);
    try {
      await api("/api/v1/me", { method: "PATCH", body: { notifyNewMessages: next } });
      if (next && typeof Notification !== "undefined" && Notification.permission === "default") await Notification.requestPermission();
    } catch {
      setEnabled(!next);
      toast("Could not save the setting.", "error");
    }
  }

  return (
    <label className="flex items-start gap-3">
      <input type="checkbox" checked={enabled} onChange={(e) => void change(e.target.checked)} className="mt-1 h-4 w-4" />
      <span>
        <span className="block font-medium">Notify me about new messages in my conversations</span>
        <span className="block text-sm text-slate-600">A browser notification and a sound when Parley is not the active page.</span>
      </span>
    </label>
  );
}
