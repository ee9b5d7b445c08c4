/**
 * Test data builders. Each test makes its own company (unique slug), so tests
 * run in parallel and in any order without seeing each other's rows.
 */
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import type { Channel, QueueMode, Role } from "@/lib/generated/prisma/enums";

export const TEST_PASSWORD = "correct horse battery";
let cachedHash: Promise<string> | undefined;

export function uniqueSuffix(): string {
  return randomUUID().slice(0, 8);
}

export async function createCompany(name = "Test Co") {
  const suffix = uniqueSuffix();
  return db.company.create({ data: { name: `${name} ${suffix}`, slug: `test-${suffix}`, filePolicy: { create: {} } } });
}

export async function createUser(companyId: string, options: { role?: Role; name?: string } = {}) {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const suffix = uniqueSuffix();
  return db.user.create({
    data: {
      companyId,
      email: `user-${suffix}@test.parley`,
      name: options.name ?? `User ${suffix}`,
      role: options.role ?? "AGENT",
      passwordHash: await cachedHash,
    },
  });
}

export async function createQueue(companyId: string, options: { name?: string; mode?: QueueMode; memberIds?: string[] } = {}) {
  return db.queue.create({
    data: {
      companyId,
      name: options.name ?? `Queue ${uniqueSuffix()}`,
      mode: options.mode ?? "PICK",
      members: { create: (options.memberIds ?? []).map((userId) => ({ userId })) },
    },
  });
}

export async function createAddress(companyId: string, queueId: string, channel: Channel = "WEBCHAT") {
  const suffix = uniqueSuffix();
  const address = channel === "WEBCHAT" ? `entry-${suffix}` : `+1555${Math.floor(Math.random() * 1e7).toString().padStart(7, "0")}`;
  return db.channelAddress.create({ data: { companyId, queueId, channel, address, label: `${channel} ${suffix}` } });
}

/** A next-auth session cookie for a user, exactly as the sign-in flow would set it. */
export async function sessionCookieFor(user: { id: string; name: string; email: string; companyId: string; role: Role }): Promise<string> {
  const token = await encode({
    token: { userId: user.id, companyId: user.companyId, role: user.role, name: user.name, email: user.email, sub: user.id },
    secret: process.env.NEXTAUTH_SECRET!,
  });
  return `next-auth.session-token=${token}`;
}
