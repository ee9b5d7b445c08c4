import { describe, expect, it } from "vitest";
import { inFlightBatches } from "./batching";

describe("inFlightBatches", () => {
  it("runs a lone call at once and groups the calls that arrive meanwhile, answering each with its own result", async () => {
    const batches: number[][] = [];
    const double = inFlightBatches(async (inputs: number[]) => {
      batches.push(inputs);
      await new Promise((resolve) => setTimeout(resolve, 20));
      return inputs.map((n) => n * 2);
    });
    const results = await Promise.all([1, 2, 3, 4].map((n) => double(n)));
    expect(results).toEqual([2, 4, 6, 8]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it("a failed batch fails its own calls only; the next batch runs", async () => {
    let calls = 0;
    const run = inFlightBatches(async (inputs: string[]) => {
      calls += 1;
      if (calls === 1) throw new Error("database went away");
      return inputs.map((s) => s.toUpperCase());
    });
    const first = run("a");
    const second = run("b");
    await expect(first).rejects.toThrow("database went away");
    await expect(second).resolves.toBe("B");
  });

  it("caps a batch at maxBatch", async () => {
    const sizes: number[] = [];
    const run = inFlightBatches(async (inputs: number[]) => {
      sizes.push(inputs.length);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return inputs;
    }, { maxBatch: 3 });
    await Promise.all(Array.from({ length: 8 }, (_, i) => run(i)));
    expect(sizes).toEqual([1, 3, 3, 1]);
  });

  it("never puts two calls with the same key in one batch, and keeps each key's calls in order", async () => {
    const batches: string[][] = [];
    const run = inFlightBatches(
      async (inputs: string[]) => {
        batches.push(inputs);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return inputs;
      },
      { keyOf: (input) => input[0]! },
    );
    await Promise.all(["a1", "a2", "b1", "a3", "b2", "c1"].map((input) => run(input)));
    expect(batches).toEqual([["a1"], ["a2", "b1", "c1"], ["a3", "b2"]]);
  });
});
