/**
 * The one wrapper for authenticated route handlers (the dub `withWorkspace`
 * pattern): resolves the session cookie or a bearer API token, checks the
 * role, and maps every thrown error to `{ error: { code, message } }`.
 */
import { NextResponse, type NextRequest } from "next/server";
import type { Role } from "../generated/prisma/enums";
import { AppError } from "../errors";
import { principalFromApiToken } from "../auth/api-tokens";
import { getPrincipal } from "../auth/session";
import { assertRole, type Principal } from "../auth/principal";
import { errorResponse } from "./respond";

export interface AuthedContext<P> {
  req: NextRequest;
  principal: Principal;
  params: P;
}

type RouteContext<P> = { params: Promise<P> };

export function withAuth<P = Record<string, string>>(
  handler: (ctx: AuthedContext<P>) => Promise<Response>,
  options: { role?: Role } = {},
) {
  return async (req: NextRequest, context: RouteContext<P>): Promise<Response> => {
    try {
      const principal = await resolvePrincipal(req);
      if (!principal) throw new AppError("UNAUTHENTICATED", "Sign in, or send a valid API token as 'Authorization: Bearer <token>'.");
      assertRole(principal, options.role ?? "AGENT");
      const params = context?.params ? await context.params : ({} as P);
      return await handler({ req, principal, params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

async function resolvePrincipal(req: NextRequest): Promise<Principal | null> {
  const authorization = req.headers.get("authorization");
  if (authorization?.startsWith("Bearer ")) return principalFromApiToken(authorization.slice(7).trim());
  return getPrincipal();
}

export function json(data: unknown, status = 200): Response {
  return NextResponse.json(data, { status });
}
