"use client";

import { format } from "date-fns";
import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/** False on the server and while the page hydrates, true once the browser renders on its own. */
export function useInBrowser(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}

/** The moment's wall-clock time in UTC, as a Date whose local fields read it: the same on the server and in any browser. */
function utcWallClock(date: Date): Date {
  return new Date(date.getTime() + date.getTimezoneOffset() * 60_000);
}

/**
 * A moment in the reader's own time zone (date-fns `pattern`, or one chosen per date). The server, and the page
 * while it hydrates, render it in UTC; the browser then replaces it. Formatting in the server's zone would give
 * a text the browser's zone does not, for anyone who is not in it, and React would throw the server's page away
 * (error #418) and render it again.
 */
export function LocalTime({ iso, pattern, className }: { iso: string; pattern: string | ((date: Date) => string); className?: string }) {
  const inBrowser = useInBrowser();
  const date = new Date(iso);
  const shown = inBrowser ? date : utcWallClock(date);
  return (
    <time dateTime={iso} className={className}>
      {format(shown, typeof pattern === "string" ? pattern : pattern(shown))}
    </time>
  );
}
