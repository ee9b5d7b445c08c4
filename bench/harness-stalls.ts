/**
 * How long the bench's own process stood still during a measurement. Its
 * socket clients timestamp every receipt, so a pause here (a major GC of
 * the harness, say) reads as Parley's latency; the report shows it beside
 * the steps a single stall can decide (the headroom knee).
 */
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";

export interface HarnessStalls {
  /** Longest stall of the bench process's event loop beyond its timer's interval, ms. */
  loopMaxMs: number;
  /** Longest garbage-collection pause of the bench process, ms. */
  gcMaxMs: number;
}

const RESOLUTION_MS = 5;

/** Starts watching; the returned function stops and reports. */
export function watchHarnessStalls(): () => HarnessStalls {
  const loop = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  let gcMaxMs = 0;
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMaxMs = Math.max(gcMaxMs, entry.duration);
  });
  loop.enable();
  gc.observe({ entryTypes: ["gc"] });
  return () => {
    loop.disable();
    gc.disconnect();
    // The histogram records each tick's whole interval (an idle process reads ~5 ms at a 5 ms resolution): the stall is what exceeds it.
    return { loopMaxMs: Math.max(0, loop.max / 1e6 - RESOLUTION_MS), gcMaxMs };
  };
}

export function describeStalls(stalls: HarnessStalls): string {
  return `bench process: longest event-loop delay ${stalls.loopMaxMs.toFixed(0)} ms, longest GC pause ${stalls.gcMaxMs.toFixed(0)} ms`;
}
