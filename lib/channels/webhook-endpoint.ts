/**
 * Provider webhooks (/api/webhooks/sms, /api/webhooks/whatsapp): inbound
 * messages and delivery statuses. The web process's HTTP server answers them
 * itself, ahead of Next.js (server.ts): they are machine-to-machine posts,
 * two or three for every text sent, with nothing to render, and measured on
 * a 2-core machine Next's request handling was over half of a status
 * callback's CPU time. The signature is checked against the raw body and
 * the public URL the provider posted to.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { publicUrl } from "../env";
import { AppError, toErrorBody } from "../errors";
import { processWebhook, verifyWebhookSubscription } from "./process-webhook";

const WEBHOOK_PATH = /^\/api\/webhooks\/([^/?]+)\/?(?:\?|$)/;
/** Far above any provider's webhook (WhatsApp batches stay well under 1 MB). */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

export interface WebhookCall {
  method: string;
  /** Path and query as received, e.g. /api/webhooks/sms?messageId=… */
  path: string;
  headers: Headers;
  rawBody: string;
}

export interface WebhookAnswer {
  status: number;
  contentType: string;
  body: string;
}

export function isWebhookPath(path: string | undefined): boolean {
  return path !== undefined && WEBHOOK_PATH.test(path);
}

/** The answer to one webhook call; every failure is a typed error body, as from any API route. */
export async function answerWebhook(call: WebhookCall): Promise<WebhookAnswer> {
  try {
    const channel = decodeURIComponent(WEBHOOK_PATH.exec(call.path)?.[1] ?? "");
    if (call.method === "POST") {
      const answer = await processWebhook(channel, { url: `${publicUrl()}${call.path}`, headers: call.headers, rawBody: call.rawBody });
      return { status: 200, contentType: answer.contentType, body: answer.body };
    }
    if (call.method === "GET") {
      const challenge = await verifyWebhookSubscription(channel, new URL(call.path, "http://localhost").searchParams);
      return { status: 200, contentType: "text/plain", body: challenge };
    }
    throw new AppError("BAD_REQUEST", `Webhooks are POST (and GET for the subscription handshake), not ${call.method}.`);
  } catch (error) {
    const { status, body } = toErrorBody(error);
    return json(status, body);
  }
}

function json(status: number, body: unknown): WebhookAnswer {
  return { status, contentType: "application/json", body: JSON.stringify(body) };
}

/** The node:http side: reads the raw body (bounded), answers, never throws. */
export async function serveWebhook(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let answer: WebhookAnswer;
  try {
    const rawBody = await readBody(req);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string") headers.set(name, value);
      else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    }
    answer = await answerWebhook({ method: req.method ?? "GET", path: req.url ?? "/", headers, rawBody });
  } catch (error) {
    const { status, body } = toErrorBody(error);
    answer = json(status, body);
  }
  if (res.headersSent || res.destroyed) return;
  res.writeHead(answer.status, { "Content-Type": answer.contentType, "Content-Length": Buffer.byteLength(answer.body), "Cache-Control": "no-store" });
  res.end(answer.body);
}

const tooLarge = () => new AppError("BAD_REQUEST", `The webhook body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`);

async function readBody(req: IncomingMessage): Promise<string> {
  // Refused before reading when the length is declared; counted while reading otherwise.
  if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
