/** The wrapper for web-chat customer routes: resolves the customer token and maps errors. */
import type { NextRequest } from "next/server";
import type { CustomerClaims } from "../webchat/customer-token";
import { requireCustomer } from "../webchat/customer-session";
import { errorResponse } from "./respond";

export function withCustomer(handler: (ctx: { req: NextRequest; claims: CustomerClaims; entry: string }) => Promise<Response>) {
  return async (req: NextRequest, context: { params: Promise<{ entry: string }> }): Promise<Response> => {
    try {
      const { entry } = await context.params;
      const authorization = req.headers.get("authorization");
      const token = authorization?.startsWith("Bearer ") ? authorization.slice(7).trim() : null;
      const claims = await requireCustomer(entry, token);
      return await handler({ req, claims, entry });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** For public routes with no caller to resolve: only maps errors. */
export function withErrors<C>(handler: (req: NextRequest, context: C) => Promise<Response>) {
  return async (req: NextRequest, context: C): Promise<Response> => {
    try {
      return await handler(req, context);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
