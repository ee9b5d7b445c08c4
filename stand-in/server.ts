/**
 * The provider stand-in as a process: `node --import tsx stand-in/server.ts`.
 * Imitates Twilio (SMS) and the WhatsApp Cloud API for the demo and tests;
 * not part of Parley's request path. Settings: stand-in/config.ts.
 */
// Optimizes hot code as soon as Parley's processes do (lib/eager-optimization.ts): the bench runs it beside them.
import "../lib/eager-optimization";
import type { AddressInfo } from "node:net";
import { createStandIn } from "./app";
import { loadConfig } from "./config";

const SHUTDOWN_GRACE_MS = 5_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const standIn = createStandIn(config);
  await new Promise<void>((resolve, reject) => {
    standIn.server.once("error", reject);
    standIn.server.listen(config.port, config.host, () => resolve());
  });
  const { port } = standIn.server.address() as AddressInfo;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  console.log(`[stand-in] listening on http://${host}:${port}`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[stand-in] ${signal}: stopping`);
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
    void standIn.close().then(() => process.exit(0));
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  console.error("[stand-in] failed to start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
