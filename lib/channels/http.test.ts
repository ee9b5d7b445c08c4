import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { localServerForSuite } from "../../tests/support/local-server";
import { callProvider, retryAfterMs } from "./http";

const seen: Array<{ method?: string; url?: string; headers: Record<string, unknown>; body: string }> = [];
const provider = localServerForSuite((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      if (req.url === "/json") res.writeHead(201, { "content-type": "application/json" }).end('{"sid":"SM1"}');
      else if (req.url === "/busy") res.writeHead(429, { "retry-after": "3" }).end("slow down");
      else if (req.url === "/empty") res.writeHead(204).end();
      // /silent never answers
  });
});

describe("callProvider", () => {
  it("posts the body with its headers and length, and parses a JSON answer", async () => {
    const answer = await callProvider(`${provider.url()}/json`, { method: "POST", headers: { Authorization: "Basic abc", "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ To: "+15550001111", Body: "Grüße" }) });
    expect(answer).toMatchObject({ ok: true, status: 201, json: { sid: "SM1" } });
    const request = seen.at(-1)!;
    expect(request).toMatchObject({ method: "POST", body: "To=%2B15550001111&Body=Gr%C3%BC%C3%9Fe" });
    expect(request.headers).toMatchObject({ authorization: "Basic abc", "content-length": String(request.body.length) });
  });

  it("keeps a non-JSON answer's text, reads Retry-After, and takes an empty answer as null", async () => {
    const busy = await callProvider(`${provider.url()}/busy`, { method: "POST", headers: {}, body: "x" });
    expect(busy).toMatchObject({ ok: true, status: 429, json: { raw: "slow down" } });
    expect(busy.ok && retryAfterMs(busy.headers)).toBe(3000);
    expect(await callProvider(`${provider.url()}/empty`, { method: "GET", headers: {} })).toMatchObject({ ok: true, status: 204, json: null });
  });

  it("turns a refused connection, a silent provider and a bad URL into network errors instead of throwing", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await callProvider(`http://127.0.0.1:${port}/x`, { method: "POST", headers: {}, body: "x" })).toEqual({ ok: false, networkError: expect.stringContaining("ECONNREFUSED") });
    const started = Date.now();
    expect(await callProvider(`${provider.url()}/silent`, { method: "POST", headers: {}, body: "x", timeoutMs: 300 })).toEqual({ ok: false, networkError: "no answer within 0.3 s" });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await callProvider("ftp://example.test/x", { method: "GET", headers: {} })).toEqual({ ok: false, networkError: "unsupported URL scheme ftp:" });
  });
});
