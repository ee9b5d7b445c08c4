import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/** How many calls of a small function V8 makes before optimizing it, with or without the module imported first. */
function callsBeforeOptimized(withModule: boolean): number {
  const dir = mkdtempSync(join(tmpdir(), "parley-opt-"));
  const script = join(dir, "probe.mjs");
  writeFileSync(
    script,
    `${withModule ? `await import(${JSON.stringify(resolve("lib/eager-optimization.ts"))});` : ""}
     function f(x) { let s = 0; for (let i = 0; i < 3; i++) s += x * i; return s; }
     let calls = 0;
     // Bit 16 of V8's optimization status: optimized code.
     for (; calls < 100000; calls++) { f(calls); if (calls % 10 === 0 && (%GetOptimizationStatus(f) & 16)) break; }
     console.log(calls);`,
  );
  // Synchronous compilation: the count then shows when V8 decided to optimize, not how long a busy compiler thread took.
  try {
    const out = execFileSync(process.execPath, ["--import", "tsx", "--allow-natives-syntax", "--no-concurrent-recompilation", script], { encoding: "utf8" });
    return Number(out.trim());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("eager optimization", () => {
  it("makes V8 optimize hot functions after far fewer calls", () => {
    const without = callsBeforeOptimized(false);
    const withModule = callsBeforeOptimized(true);
    expect(withModule).toBeLessThan(without / 3);
  });

  it("is the first import of the web and worker processes, so it applies to all of their code", () => {
    for (const [file, path] of [["server.ts", "./lib/eager-optimization"], ["workers/index.ts", "../lib/eager-optimization"]] as const) {
      const firstImport = readFileSync(file, "utf8").match(/^import .*$/m)?.[0];
      expect(firstImport).toBe(`import "${path}";`);
    }
  });
});
