/**
 * The environment of an outbound test file, set from vi.hoisted before any
 * app module reads lib/env (so this file must not import app code at the top):
 *
 * - its own REDIS_PREFIX, so the BullMQ workers of this file (in-process or a
 *   spawned workers process) take only this file's jobs, never those of a
 *   test file running in parallel, and vice versa;
 * - optionally NEXTAUTH_URL pointing at a small HTTP forwarder to the real
 *   webhook route. Parley hands the stand-in StatusCallback URLs built from
 *   publicUrl() and checks signatures over publicUrl() + path + query, and the
 *   stand-in signs over the URL it posts to; with publicUrl() = the forwarder
 *   both are the same URL, so the stand-in's own signed callbacks and inbound
 *   posts reach POST /api/webhooks/[channel] over real HTTP and are verified
 *   unchanged (nothing is re-signed by the test).
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface OutboundEnv {
  redisPrefix: string;
  /** The forwarder's base URL (= publicUrl() of this process), or null without one. */
  parleyUrl: string | null;
  /** Stops the forwarder and puts NEXTAUTH_URL / REDIS_PREFIX back. */
  restore(): Promise<void>;
}

async function forward(req: IncomingMessage, res: ServerResponse, base: string): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  // Loaded on first use: by then the test file has imported lib/env with this file's variables.
  const { NextRequest } = await import("next/server");
  const { POST } = await import("@/app/api/webhooks/[channel]/route");
  const url = new URL(req.url ?? "/", base);
  const channel = /^\/api\/webhooks\/([^/]+)$/.exec(url.pathname)?.[1];
  if (!channel || req.method !== "POST") {
    res.writeHead(404).end();
    return;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  const answer = await POST(new NextRequest(url, { method: "POST", headers, body: Buffer.concat(chunks).toString("utf8") }), { params: Promise.resolve({ channel }) });
  res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "text/plain" }).end(await answer.text());
}

export async function prepareOutboundEnv(name: string, options: { forwarder: boolean }): Promise<OutboundEnv> {
  const saved = { NEXTAUTH_URL: process.env.NEXTAUTH_URL, REDIS_PREFIX: process.env.REDIS_PREFIX };
  const redisPrefix = `parley-test-${name}-${randomUUID().slice(0, 8)}`;
  process.env.REDIS_PREFIX = redisPrefix;
  let parleyUrl: string | null = null;
  let server: ReturnType<typeof createServer> | null = null;
  if (options.forwarder) {
    let base = "";
    server = createServer((req, res) => {
      forward(req, res, base).catch((error: unknown) => {
        console.error("[outbound-env] forwarding failed:", error);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    parleyUrl = base;
    process.env.NEXTAUTH_URL = base;
  }
  return {
    redisPrefix,
    parleyUrl,
    async restore() {
      if (server) {
        const open = server;
        await new Promise<void>((resolve) => {
          open.close(() => resolve());
          open.closeAllConnections();
        });
      }
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    },
  };
}
