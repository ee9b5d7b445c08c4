/**
 * Calls the real route handlers (wrappers, validation, error mapping and
 * all) the way Next.js does, authenticated with a personal API token.
 */
import { NextRequest } from "next/server";
import { db } from "@/lib/db";
import { generateApiToken, hashApiToken } from "@/lib/auth/api-tokens";

type Handler = (req: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export async function apiTokenFor(userId: string): Promise<string> {
  const token = generateApiToken();
  await db.apiToken.create({ data: { userId, name: "test", tokenHash: hashApiToken(token) } });
  return token;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent as-is (to test malformed JSON). */
  rawBody?: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
}

export async function callRoute<T = unknown>(handler: unknown, method: string, options: CallOptions = {}): Promise<{ status: number; body: T }> {
  const url = new URL("http://localhost/api/test");
  for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers["content-type"] = "application/json";
  const req = new NextRequest(url, { method, headers, body });
  const res = await (handler as Handler)(req, { params: Promise.resolve(options.params ?? {}) });
  return { status: res.status, body: (await res.json()) as T };
}
