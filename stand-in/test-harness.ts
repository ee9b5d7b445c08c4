/**
 * For the stand-in's own tests: a stand-in on port 0 whose PARLEY_URL points
 * at a small capture server standing in for Parley, started once per test
 * file (standInSuite), reset before each test. The exports are live bindings.
 */
import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { createStandIn, type StandIn } from "./app";
import { parseConfig, type StandInConfig } from "./config";

export interface Captured {
  url: string;
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
}

/** What the stand-in posted to "Parley" since the test began. */
export const captured: Captured[] = [];
export let parleyUrl = "";
export let base = "";
export let config: StandInConfig;
export let standIn: StandIn;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export function standInSuite(): void {
  let parley: Server;
  beforeAll(async () => {
    parley = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        captured.push({ url: `${parleyUrl}${req.url}`, path: req.url ?? "", headers: req.headers, raw: Buffer.concat(chunks).toString("utf8") });
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ received: true }));
      });
    });
    parleyUrl = await listen(parley);
    config = parseConfig({ STAND_IN_PORT: "0", PARLEY_URL: parleyUrl, STATUS_DELAY_MS: "20" });
    standIn = createStandIn(config);
    base = await listen(standIn.server);
  });

  afterAll(async () => {
    await standIn.close();
    await new Promise((resolve) => parley.close(resolve));
  });

  beforeEach(async () => {
    await control("POST", "/control/reset");
    captured.length = 0;
  });
}

/** A call to the stand-in's control API. */
export async function control(method: string, path: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, { method, headers: body === undefined ? {} : { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, json: await response.json() };
}

/** Polls until the probe returns something truthy. */
export async function waitFor<T>(probe: () => T | undefined | null | false, timeoutMs = 3_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Twilio's documented algorithm, written independently of stand-in/signatures.ts. */
export function twilioSignatureOf(url: string, raw: string): string {
  const params = new URLSearchParams(raw);
  const data = [...params.keys()].sort().reduce((acc, key) => acc + key + params.get(key), url);
  return createHmac("sha1", config.twilioAuthToken).update(data).digest("base64");
}
