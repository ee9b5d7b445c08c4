/** HTTP helpers for driving Parley's public API, and a TTFB probe. */
import http from "node:http";
import { WEB_URL } from "./stack";
import { nowMs } from "./stats";

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export interface Answer<T> {
  status: number;
  body: T;
}

/**
 * A JSON request to the web app (or any local URL). Never throws: a network
 * error answers status 0. A connection reset before any answer (a keep-alive
 * socket the server had just closed) is retried once; every request the bench
 * makes is safe to repeat (sends carry a clientMessageId).
 */
export async function request<T = unknown>(method: string, path: string, options: { token?: string; body?: unknown; base?: string } = {}): Promise<Answer<T>> {
  try {
    return await attempt<T>(method, path, options);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ECONNRESET" || code === "EPIPE") {
      try {
        return await attempt<T>(method, path, options);
      } catch (again) {
        return { status: 0, body: String(again) as T };
      }
    }
    return { status: 0, body: String(error) as T };
  }
}

function attempt<T>(method: string, path: string, options: { token?: string; body?: unknown; base?: string }): Promise<Answer<T>> {
  const url = new URL(path, options.base ?? WEB_URL);
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: {
          accept: "application/json",
          ...(payload !== undefined ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } : {}),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
        timeout: 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : null;
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode ?? 0, body: body as T });
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error(`timeout ${method} ${path}`)));
    req.on("error", reject);
    req.end(payload);
  });
}

/** Time to first byte of a GET, in ms (the body is read and discarded). */
export async function ttfb(path: string, headers: Record<string, string> = {}): Promise<{ ms: number; status: number }> {
  const url = new URL(path, WEB_URL);
  const started = nowMs();
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers, timeout: 30_000 }, (res) => {
      const ms = nowMs() - started;
      res.resume();
      res.on("end", () => resolve({ ms, status: res.statusCode ?? 0 }));
    });
    req.on("timeout", () => req.destroy(new Error(`timeout GET ${path}`)));
    req.on("error", reject);
  });
}

export function closeHttp(): void {
  agent.destroy();
}
