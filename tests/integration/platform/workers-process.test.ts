import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";

/** Starts the real workers process and waits for a line of its output. */
function startWorkers() {
  const child = spawn(process.execPath, ["--import", "tsx", "workers/index.ts"], { env: process.env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const waitFor = (text: string, timeoutMs = 20_000) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`workers never printed "${text}":\n${output}`)), timeoutMs);
      const check = () => {
        if (output.includes(text)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on("data", (chunk) => ((output += chunk), check()));
      child.stderr.on("data", (chunk) => ((output += chunk), check()));
      check();
    });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, waitFor, exited, output: () => output };
}

describe("workers process", () => {
  it("shuts down gracefully on SIGTERM and exits 0", async () => {
    const workers = startWorkers();
    await workers.waitFor("listening on");
    workers.child.kill("SIGTERM");
    expect(await workers.exited).toBe(0);
    expect(workers.output()).toContain("stopped");
  }, 40_000);
});
