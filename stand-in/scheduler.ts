/**
 * Status callbacks waiting to be posted, and webhooks in flight. reset()
 * drops them (so one test's callbacks never reach the next); close() also
 * aborts the pauses of requests still being answered.
 */
import { setMaxListeners } from "node:events";

/** Every request in flight listens to these signals: hundreds at once under load are expected, not a leak. */
function sharedController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}

export class Scheduler {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly shutdown = sharedController();
  private current = sharedController();
  private generation = 0;

  /** Aborts when the stand-in closes: latency and "slow" pauses. */
  get closedSignal(): AbortSignal {
    return this.shutdown.signal;
  }

  /** Aborts on reset or close: webhook posts in flight. */
  get webhookSignal(): AbortSignal {
    return this.current.signal;
  }

  /** Runs the steps one after the other, each delayMs after the previous one finished; a reset stops the rest. */
  sequence(delayMs: number, steps: Array<() => Promise<unknown>>): void {
    const generation = this.generation;
    const run = (index: number): void => {
      const step = steps[index];
      if (!step || generation !== this.generation || this.shutdown.signal.aborted) return;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (generation !== this.generation) return;
        step()
          .catch((error: unknown) => console.error("[stand-in] scheduled task failed:", error))
          .finally(() => run(index + 1));
      }, delayMs);
      this.timers.add(timer);
    };
    run(0);
  }

  reset(): void {
    this.generation += 1;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.current.abort();
    this.current = sharedController();
  }

  close(): void {
    this.shutdown.abort();
    this.reset();
    this.current.abort();
  }
}
