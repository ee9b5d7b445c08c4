"use client";

import { useEffect, useState } from "react";

/** Time left in WhatsApp's 24-hour customer-service window. */
export function WindowCountdown({ expiresAt }: { expiresAt: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const left = new Date(expiresAt).getTime() - now;
  if (left <= 0) return <span className="text-red-700">Reply window closed (templates only)</span>;
  const hours = Math.floor(left / 3_600_000);
  const minutes = Math.floor((left % 3_600_000) / 60_000);
  return <span>Reply window: {hours}h {minutes}m left</span>;
}
