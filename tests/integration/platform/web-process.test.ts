import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";

/** The real web process (server.ts) on its own port; needs a production build (`npx next build`). */
describe("web process", () => {
  it("serves pages and socket.io on one port, and exits 0 on SIGTERM", async () => {
    expect(existsSync(".next/BUILD_ID"), "run `npx next build` first (npm test does)").toBe(true);
    const port = 3900 + Math.floor(Math.random() * 90);
    const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], { env: { ...process.env, NODE_ENV: "production", PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    for (let i = 0; i < 60 && !output.includes("web ready"); i++) await new Promise((r) => setTimeout(r, 500));
    expect(output).toContain("web ready");

    const page = await fetch(`http://127.0.0.1:${port}/sign-in`);
    expect(page.status).toBe(200);
    // socket.io answers its handshake on the same port (and refuses it without a session).
    const handshake = await fetch(`http://127.0.0.1:${port}/socket.io/?EIO=4&transport=polling`);
    expect(handshake.status).toBe(200);

    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).toContain("web stopped");
  }, 60_000);
});
