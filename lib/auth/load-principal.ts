import { db } from "../db";
import type { Principal } from "./principal";

/**
 * Re-reads the user behind a session or token, so a deleted user or a changed
 * role takes effect at once instead of when the session expires.
 */
export async function loadPrincipal(userId: string): Promise<Principal | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, companyId: true, role: true, name: true, email: true },
  });
  if (!user) return null;
  return { userId: user.id, companyId: user.companyId, role: user.role, name: user.name, email: user.email };
}
