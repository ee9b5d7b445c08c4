/**
 * Who is calling: the one shape every entry point resolves (session cookie,
 * API token or socket handshake) before calling domain code.
 */
import type { Role } from "../generated/prisma/enums";
import { AppError } from "../errors";

export interface Principal {
  userId: string;
  companyId: string;
  role: Role;
  name: string;
  email: string;
  /** Set when the caller authenticated with a personal API token (revoking it closes its sockets). */
  apiTokenId?: string;
}

const rank: Record<Role, number> = { AGENT: 0, SUPERVISOR: 1, ADMIN: 2 };

/** Supervisors can do what agents can; admins what supervisors can. */
export function hasRole(principal: Pick<Principal, "role">, required: Role): boolean {
  return rank[principal.role] >= rank[required];
}

export function assertRole(principal: Pick<Principal, "role">, required: Role): void {
  if (!hasRole(principal, required)) {
    throw new AppError("FORBIDDEN", "Your role does not allow this. Ask an administrator if you need access.");
  }
}
