import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";

/** The real web process (server.ts) on its own port; needs a production build (`npx next build`). */
describe("web process", () => {
  it("serves pages, socket.io and provider webhooks on one port, and exits 0 on SIGTERM", async () => {
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
    // Provider webhooks are answered by the same server ahead of Next.js, with the API's typed errors.
    const unsigned = await fetch(`http://127.0.0.1:${port}/api/webhooks/sms`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "From=%2B15550001111&To=%2B15559990000&Body=hi" });
    expect(unsigned.status).toBe(403);
    expect(await unsigned.json()).toEqual({ error: { code: "FORBIDDEN", message: "The webhook signature is missing or invalid for this number." } });
    const unknownChannel = await fetch(`http://127.0.0.1:${port}/api/webhooks/fax`, { method: "POST", body: "x" });
    expect(unknownChannel.status).toBe(404);

    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).toContain("web stopped");
  }, 60_000);
});
