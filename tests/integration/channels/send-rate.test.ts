import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { takeSendSlot } from "@/lib/channels/send-rate";

/** Waits for the start of a second, so a test's asks all fall into one window. */
async function startOfSecond(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 5));
}

describe("send rate per number", () => {
  it("of 12 sends asking at once on a 5-a-second number, 5 go now and 7 wait for the next second; another number is not affected", async () => {
    const busy = `rate-${randomUUID()}`;
    const quiet = `rate-${randomUUID()}`;
    await startOfSecond();
    const [waits, other] = await Promise.all([Promise.all(Array.from({ length: 12 }, () => takeSendSlot(busy, 5))), takeSendSlot(quiet, 5)]);
    expect(waits.filter((wait) => wait === 0)).toHaveLength(5);
    for (const wait of waits.filter((w) => w > 0)) expect(wait).toBeGreaterThan(800);
    expect(other).toBe(0);

    // Asks one by one count against the same window.
    expect(await takeSendSlot(quiet, 2)).toBe(0);
    expect(await takeSendSlot(quiet, 2)).toBeGreaterThan(0);
  });
});
