"use client";

import { formatDistanceToNowStrict } from "date-fns";
import { useEffect, useState } from "react";

/** "3 min" since a moment, refreshed every few seconds. */
export function WaitingTime({ since, className }: { since: string; className?: string }) {
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 5000);
    return () => clearInterval(timer);
  }, []);
  return (
    <time dateTime={since} className={className} title={new Date(since).toLocaleString()}>
      {formatDistanceToNowStrict(new Date(since))}
    </time>
  );
}
