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
    // The server renders its own "now" (and time zone): the browser's differs by the time the page hydrates. React keeps
    // the server's text until the next tick instead of failing hydration (error #418) and rendering the page again.
    <time dateTime={since} className={className} title={new Date(since).toLocaleString()} suppressHydrationWarning>
      {formatDistanceToNowStrict(new Date(since))}
    </time>
  );
}
