import { unstable_rethrow } from "next/navigation";
import { NextResponse } from "next/server";
import type { ZodType } from "zod";
import { AppError, fromZodError, toErrorBody } from "../errors";

/** Maps any thrown error to the HTTP answer; the only place that does so. */
export function errorResponse(error: unknown): Response {
  // Next.js signals (prerender bail-out, redirect, notFound) are control flow, not failures: let Next handle them.
  unstable_rethrow(error);
  const { status, body } = toErrorBody(error);
  return NextResponse.json(body, { status });
}

/** Parses a JSON body with a schema; malformed JSON is a 400, invalid fields a 422. */
export async function parseJsonBody<T>(req: Request, schema: ZodType<T>): Promise<T> {
  let raw: unknown;
  try {
    raw = await req.json();
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw fromZodError(parsed.error);
  return parsed.data;
}

export function parseQuery<T>(url: string, schema: ZodType<T>): T {
  const params = Object.fromEntries(new URL(url).searchParams.entries());
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw fromZodError(parsed.error);
  return parsed.data;
}
