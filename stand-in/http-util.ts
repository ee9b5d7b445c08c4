/** Small node:http helpers shared by the stand-in's handlers. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as wait } from "node:timers/promises";

const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {}

export type FormFields = Record<string, string | string[]>;

/** What a handler answers: status, JSON-able body and extra headers. */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError("request body larger than 1 MB");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export function sendJson(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...reply.headers,
  });
  res.end(text);
}

export function sendHtml(res: ServerResponse, html: string): void {
  res.writeHead(200, {
    "content-type": "text/html; charset=utf-8",
    "content-length": Buffer.byteLength(html),
    "content-security-policy": "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'",
    "cache-control": "no-store",
  });
  res.end(html);
}

/** Parses application/x-www-form-urlencoded; a repeated name (MediaUrl) becomes an array. */
export function parseForm(raw: string): FormFields {
  const fields: FormFields = {};
  for (const [name, value] of new URLSearchParams(raw)) {
    const existing = fields[name];
    if (existing === undefined) fields[name] = value;
    else fields[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return fields;
}

export function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function allValues(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** A phone number reduced to its digits, so "+1 555-0100" and "15550100" compare equal. */
export function digits(phone: string): string {
  return phone.replace(/\D/g, "");
}

export function sameNumber(a: string, b: string): boolean {
  return digits(a) !== "" && digits(a) === digits(b);
}

/** The Idempotency-Key (or X-Idempotency-Key) request header, if any. */
export function idempotencyKeyOf(req: IncomingMessage): string | null {
  const value = req.headers["idempotency-key"] ?? req.headers["x-idempotency-key"];
  const key = Array.isArray(value) ? value[0] : value;
  return key && key.trim() !== "" ? key.trim() : null;
}

/** Waits ms milliseconds; rejects (AbortError) if signal aborts first. */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return;
  await wait(ms, undefined, { signal });
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortError";
}
