/**
 * Resolving the caller in pages, server actions and route handlers.
 * Pages redirect to sign-in; handlers answer 401 (see lib/http/with-auth.ts).
 */
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import type { Role } from "../generated/prisma/enums";
import { AppError } from "../errors";
import { authOptions } from "./options";
import { loadPrincipal } from "./load-principal";
import { hasRole, type Principal } from "./principal";

export async function getPrincipal(): Promise<Principal | null> {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) return null;
  return loadPrincipal(session.user.id);
}

/** For pages: the signed-in principal, else a redirect to sign-in; a page above the role shows "not found". */
export async function requirePagePrincipal(role: Role = "AGENT"): Promise<Principal> {
  const principal = await getPrincipal();
  if (!principal) redirect("/sign-in");
  if (!hasRole(principal, role)) redirect("/forbidden");
  return principal;
}

/** For server actions: the signed-in principal, else an AppError. */
export async function requireActionPrincipal(role: Role = "AGENT"): Promise<Principal> {
  const principal = await getPrincipal();
  if (!principal) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  if (!hasRole(principal, role)) throw new AppError("FORBIDDEN", "Your role does not allow this.");
  return principal;
}
