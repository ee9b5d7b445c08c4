/** Provider HTTP calls with a timeout; a timeout or network error is a retryable failure. */
import { timingSafeEqual } from "node:crypto";

export const PROVIDER_TIMEOUT_MS = 10_000;

export type ProviderResponse = { ok: true; status: number; headers: Headers; json: unknown } | { ok: false; networkError: string };

export async function callProvider(url: string, init: RequestInit): Promise<ProviderResponse> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS) });
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = { raw: text.slice(0, 500) };
    }
    return { ok: true, status: response.status, headers: response.headers, json };
  } catch (error) {
    const reason = error instanceof Error && error.name === "TimeoutError" ? `no answer within ${PROVIDER_TIMEOUT_MS / 1000} s` : error instanceof Error ? error.message : String(error);
    return { ok: false, networkError: reason };
  }
}

/** Retry-After in seconds (or an HTTP date) to milliseconds. */
export function retryAfterMs(headers: Headers): number | undefined {
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
