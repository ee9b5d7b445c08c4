/**
 * The environment of an outbound test file, set from vi.hoisted before any
 * app module reads lib/env (so this file must not import app code at the top):
 *
 * - its own REDIS_PREFIX, so the BullMQ workers of this file (in-process or a
 *   spawned workers process) take only this file's jobs, never those of a
 *   test file running in parallel, and vice versa;
 * - optionally NEXTAUTH_URL pointing at a small HTTP server of this process
 *   that serves the real webhook endpoint (what server.ts serves). Parley
 *   hands the stand-in StatusCallback URLs built from publicUrl() and checks
 *   signatures over publicUrl() + path + query, and the stand-in signs over
 *   the URL it posts to; with publicUrl() = this server both are the same
 *   URL, so the stand-in's own signed callbacks and inbound posts reach
 *   /api/webhooks/{channel} over real HTTP and are verified unchanged
 *   (nothing is re-signed by the test).
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface OutboundEnv {
  redisPrefix: string;
  /** The webhook server's base URL (= publicUrl() of this process), or null without one. */
  parleyUrl: string | null;
  /** Stops the webhook server and puts NEXTAUTH_URL / REDIS_PREFIX back. */
  restore(): Promise<void>;
}

async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
  // Loaded on first use: by then the test file has imported lib/env with this file's variables.
  const { isWebhookPath, serveWebhook } = await import("@/lib/channels/webhook-endpoint");
  if (isWebhookPath(req.url)) await serveWebhook(req, res);
  else res.writeHead(404).end();
}

export async function prepareOutboundEnv(name: string, options: { webhookServer: boolean }): Promise<OutboundEnv> {
  const saved = { NEXTAUTH_URL: process.env.NEXTAUTH_URL, REDIS_PREFIX: process.env.REDIS_PREFIX };
  const redisPrefix = `parley-test-${name}-${randomUUID().slice(0, 8)}`;
  process.env.REDIS_PREFIX = redisPrefix;
  let parleyUrl: string | null = null;
  let server: ReturnType<typeof createServer> | null = null;
  if (options.webhookServer) {
    server = createServer((req, res) => {
      serve(req, res).catch((error: unknown) => {
        console.error("[outbound-env] serving a webhook failed:", error);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    parleyUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    process.env.NEXTAUTH_URL = parleyUrl;
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
