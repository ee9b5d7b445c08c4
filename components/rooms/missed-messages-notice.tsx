"use client";

/**
 * After signing in: "You missed N messages" when colleagues or contacts wrote
 * to you while you were away, once per sign-in, with a link to Messages.
 */
import Link from "next/link";
import { useEffect, useState } from "react";
import { api } from "@/components/common/api-client";

const shownKey = (userId: string) => `parley:missed-shown:${userId}`;

/** Called on sign-out so the next sign-in shows the notice again. */
export function forgetMissedNotice(): void {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith("parley:missed-shown:")) sessionStorage.removeItem(key);
}

export function MissedMessagesNotice({ userId }: { userId: string }) {
  const [missed, setMissed] = useState<{ messages: number; conversations: number } | null>(null);
  useEffect(() => {
    if (sessionStorage.getItem(shownKey(userId))) return;
    api<{ messages: number; conversations: number }>("/api/v1/rooms/missed")
      .then((answer) => {
        sessionStorage.setItem(shownKey(userId), "1");
        if (answer.messages > 0) setMissed(answer);
      })
      .catch(() => undefined);
  }, [userId]);
  if (!missed) return null;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return (
    <div role="status" className="flex items-center justify-between gap-3 border-b border-emerald-200 bg-emerald-50 px-4 py-2 text-sm text-emerald-900" data-testid="missed-notice">
      <span>You missed {plural(missed.messages, "message")} in {plural(missed.conversations, "conversation")} while you were away.</span>
      <span className="flex gap-2">
        <Link href="/messages" className="font-medium underline" onClick={() => setMissed(null)}>View messages</Link>
        <button type="button" aria-label="Dismiss" onClick={() => setMissed(null)} className="rounded px-1 hover:bg-emerald-100">×</button>
      </span>
    </div>
  );
}
