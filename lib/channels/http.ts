/**
 * Provider HTTP calls with a timeout; a timeout or network error is a retryable failure.
 * node:http with kept-alive connections rather than fetch: every text sent makes one call,
 * and fetch's web streams cost several times the CPU of the call itself.
 */
import { timingSafeEqual } from "node:crypto";
import http from "node:http";
import https from "node:https";

export const PROVIDER_TIMEOUT_MS = 10_000;

export interface ProviderHeaders {
  get(name: string): string | null;
}

export type ProviderResponse = { ok: true; status: number; headers: ProviderHeaders; json: unknown } | { ok: false; networkError: string };

export interface ProviderRequest {
  method: "POST" | "GET";
  headers: Record<string, string>;
  body?: string | URLSearchParams;
  /** Defaults to PROVIDER_TIMEOUT_MS. */
  timeoutMs?: number;
}

const agents = { "http:": new http.Agent({ keepAlive: true, maxSockets: 256 }), "https:": new https.Agent({ keepAlive: true, maxSockets: 256 }) };

export async function callProvider(url: string, init: ProviderRequest): Promise<ProviderResponse> {
  try {
    const { status, headers, text } = await exchange(new URL(url), init);
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = { raw: text.slice(0, 500) };
    }
    return { ok: true, status, headers, json };
  } catch (error) {
    return { ok: false, networkError: error instanceof Error ? error.message : String(error) };
  }
}

function exchange(url: URL, init: ProviderRequest): Promise<{ status: number; headers: ProviderHeaders; text: string }> {
  const body = init.body === undefined ? undefined : Buffer.from(String(init.body));
  const client = url.protocol === "https:" ? https : url.protocol === "http:" ? http : null;
  if (!client) return Promise.reject(new Error(`unsupported URL scheme ${url.protocol}`));
  return new Promise((resolve, reject) => {
    const req = client.request(url, { method: init.method, agent: agents[url.protocol as "http:" | "https:"], headers: { ...init.headers, ...(body ? { "Content-Length": String(body.length) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        clearTimeout(timer);
        const headers = res.headers;
        resolve({ status: res.statusCode ?? 0, headers: { get: (name) => { const value = headers[name.toLowerCase()]; return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value; } }, text: Buffer.concat(chunks).toString("utf8") });
      });
      res.on("error", fail);
    });
    const timeoutMs = init.timeoutMs ?? PROVIDER_TIMEOUT_MS;
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    function fail(error: Error) {
      clearTimeout(timer);
      reject(error);
    }
    req.on("error", fail);
    req.end(body);
  });
}

/** Retry-After in seconds (or an HTTP date) to milliseconds. */
export function retryAfterMs(headers: ProviderHeaders): number | undefined {
  const value = headers.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
