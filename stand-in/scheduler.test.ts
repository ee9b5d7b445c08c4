import { describe, expect, it } from "vitest";
import { Scheduler } from "./scheduler";

describe("scheduler signals", () => {
  it("take a listener per request in flight without a leak warning, before and after a reset", async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on("warning", onWarning);
    try {
      const scheduler = new Scheduler();
      const listen = () => {
        for (let i = 0; i < 50; i += 1) {
          scheduler.webhookSignal.addEventListener("abort", () => undefined);
          scheduler.closedSignal.addEventListener("abort", () => undefined);
        }
      };
      listen();
      scheduler.reset();
      listen();
      // Node emits process warnings on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).toEqual([]);
      scheduler.close();
    } finally {
      process.off("warning", onWarning);
    }
  });
});
