/**
 * The one error type for failures a person should see. Every entry point
 * (route handler, server action, socket handler, job) maps it in one place:
 * HTTP in lib/http/respond.ts (and, ahead of Next.js, lib/channels/webhook-endpoint.ts),
 * socket acks in lib/realtime/ack.ts.
 */
import { ZodError } from "zod";

export const errorStatus = {
  /** The input is malformed or fails validation. */
  VALIDATION: 422,
  /** The caller is not signed in or the token is invalid. */
  UNAUTHENTICATED: 401,
  /** The caller is signed in but their role does not allow this. */
  FORBIDDEN: 403,
  /** The thing does not exist, or the caller may not see it (never tell which). */
  NOT_FOUND: 404,
  /** The action conflicts with the current state (e.g. already picked by someone else). */
  CONFLICT: 409,
  /** The request body could not be parsed. */
  BAD_REQUEST: 400,
  /** Too many requests. */
  RATE_LIMITED: 429,
  /** A dependency (database, Redis, provider) is unavailable. */
  UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface FieldIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldIssue[];

  constructor(code: ErrorCode, message: string, fields?: FieldIssue[]) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fields = fields;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export function notFound(what = "Not found"): AppError {
  return new AppError("NOT_FOUND", what);
}

export function fromZodError(error: ZodError): AppError {
  const fields = error.issues.map((issue) => ({ path: issue.path.join(".") || "(root)", message: issue.message }));
  const summary = fields.map((field) => `${field.path}: ${field.message}`).join("; ");
  return new AppError("VALIDATION", `Invalid input — ${summary}`, fields);
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: FieldIssue[] };
}

/** Turns anything thrown into what a client may see; unknown errors never leak details. */
export function toErrorBody(error: unknown): { status: number; body: ErrorBody } {
  const appError = toAppError(error);
  const body: ErrorBody = { error: { code: appError.code, message: appError.message } };
  if (appError.fields) body.error.fields = appError.fields;
  return { status: appError.status, body };
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return fromZodError(error);
  console.error("[parley] unexpected error", error);
  return new AppError("INTERNAL", "Something went wrong on our side. Please try again.");
}
