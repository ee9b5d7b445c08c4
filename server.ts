/**
 * The Parley web process: Next.js (pages, route handlers), socket.io and
 * the provider webhooks on one port. Workers run in their own process (workers/index.ts).
 */
import "./lib/eager-optimization";
import { createServer } from "node:http";
import next from "next";
import { env, publicUrl } from "./lib/env";
import { db } from "./lib/db";
import { redis } from "./lib/redis";
import { closeQueues } from "./lib/queue/queues";
import { createSocketServer } from "./lib/realtime/socket-server";
import { clearPresence } from "./lib/realtime/presence";
import { isWebhookPath, serveWebhook } from "./lib/channels/webhook-endpoint";
import "./lib/realtime/handlers";

const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const dev = env.NODE_ENV === "development";
  const app = next({ dev, hostname: env.HOST, port: env.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();

  await clearPresence();
  const httpServer = createServer((req, res) => {
    // Provider webhooks skip Next.js: see lib/channels/webhook-endpoint.ts.
    if (isWebhookPath(req.url)) void serveWebhook(req, res);
    else void handle(req, res);
  });
  const sockets = createSocketServer(httpServer);

  await new Promise<void>((resolve) => httpServer.listen(env.PORT, env.HOST, resolve));
  console.log(`[parley] web ready on ${publicUrl()} (${dev ? "development" : "production"})`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[parley] ${signal}: closing connections`);
    const force = setTimeout(() => {
      console.error("[parley] shutdown took too long, exiting");
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    // Closing socket.io also stops the HTTP server from taking new connections.
    await sockets.close();
    httpServer.closeAllConnections();
    await app.close?.();
    await closeQueues();
    await redis().quit().catch(() => undefined);
    await db.$disconnect();
    console.log("[parley] web stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error) => {
  console.error("[parley] failed to start", error);
  process.exit(1);
});
