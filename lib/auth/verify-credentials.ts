import { z } from "zod";
import { db } from "../db";
import { verifyPassword } from "./password";
import type { Principal } from "./principal";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email(),
  password: z.string().min(1).max(200),
});

/** Checks an email and password; returns the user as a principal, or null for any mismatch. */
export async function verifyCredentials(input: unknown): Promise<Principal | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const user = await db.user.findUnique({
    where: { email: parsed.data.email },
    omit: { passwordHash: false },
  });
  if (!user) return null;
  if (!(await verifyPassword(parsed.data.password, user.passwordHash))) return null;
  return { userId: user.id, companyId: user.companyId, role: user.role, name: user.name, email: user.email };
}
