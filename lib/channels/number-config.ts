/**
 * Numbers and entry points with their provider settings, for supervisors.
 * Secrets are write-only: answers show only their last four characters, and
 * leaving a secret blank keeps the stored one. SMS numbers can also be
 * assigned to users: those users text (and click-to-call) from them.
 */
import { isUniqueViolation } from "../db-errors";
import { z } from "zod";
import { db } from "../db";
import { AppError, notFound } from "../errors";
import type { Principal } from "../auth/principal";
import { toE164 } from "./phone";
import { forgetProviderConfigs } from "./provider-config";

export const numberInputSchema = z.object({
  channel: z.enum(["SMS", "WHATSAPP", "WEBCHAT"]),
  address: z.string().trim().min(1).max(100),
  label: z.string().trim().min(1, "Give the number a label.").max(100),
  queueId: z.string().min(1).nullable(),
  providerBaseUrl: z.union([z.literal(""), z.string().url("The provider base URL must be a full URL (https://…).")]).optional(),
  providerAccount: z.string().trim().max(200).optional(),
  providerSecret: z.string().max(500).optional(),
  webhookSecret: z.string().max(500).optional(),
  verifyToken: z.string().max(500).optional(),
  apiVersion: z.string().trim().max(20).optional(),
  sendRatePerSecond: z.number().int().min(1).max(1000).default(10),
});
export type NumberInput = z.infer<typeof numberInputSchema>;

export interface NumberConfigDto {
  id: string;
  channel: "SMS" | "WHATSAPP" | "WEBCHAT";
  address: string;
  label: string;
  queueId: string | null;
  providerBaseUrl: string | null;
  providerAccount: string | null;
  apiVersion: string | null;
  sendRatePerSecond: number;
  /** "••••abcd" or null when not set. */
  providerSecret: string | null;
  webhookSecret: string | null;
  verifyToken: string | null;
  /** SMS numbers only (always empty otherwise): the users who may text and call from it, by name. */
  assignedUsers: Array<{ id: string; name: string }>;
}

export const numberUsersInputSchema = z.object({ userIds: z.array(z.string().min(1)).max(1000) });
export type NumberUsersInput = z.infer<typeof numberUsersInputSchema>;

const mask = (secret: string | null) => (secret ? `••••${secret.slice(-4)}` : null);

export async function listNumbers(options: { principal: Principal }): Promise<NumberConfigDto[]> {
  const rows = await db.channelAddress.findMany({
    where: { companyId: options.principal.companyId },
    orderBy: [{ channel: "asc" }, { address: "asc" }],
    omit: { providerSecret: false, webhookSecret: false, verifyToken: false },
    include: { assignedUsers: { where: { address: { channel: "SMS" } }, select: { user: { select: { id: true, name: true } } }, orderBy: { user: { name: "asc" } } } },
  });
  return rows.map((row) => ({
    id: row.id, channel: row.channel, address: row.address, label: row.label, queueId: row.queueId,
    providerBaseUrl: row.providerBaseUrl, providerAccount: row.providerAccount, apiVersion: row.apiVersion, sendRatePerSecond: row.sendRatePerSecond,
    providerSecret: mask(row.providerSecret), webhookSecret: mask(row.webhookSecret), verifyToken: mask(row.verifyToken),
    assignedUsers: row.assignedUsers.map(({ user }) => user),
  }));
}

function normalizeAddress(input: NumberInput): string {
  if (input.channel === "WEBCHAT") {
    if (!/^[a-z0-9][a-z0-9-]{1,60}$/.test(input.address)) throw new AppError("VALIDATION", "A web-chat entry point is a short name of lowercase letters, digits and dashes (e.g. acme-support).");
    return input.address;
  }
  const e164 = toE164(input.address);
  if (!e164) throw new AppError("VALIDATION", `"${input.address}" is not a valid phone number. Use the international format, e.g. +15550100100.`);
  return e164;
}

export async function saveNumber(options: { principal: Principal; numberId?: string; input: NumberInput }): Promise<NumberConfigDto> {
  const { principal, input } = options;
  const companyId = principal.companyId;
  if (input.queueId && !(await db.queue.count({ where: { id: input.queueId, companyId } }))) throw new AppError("VALIDATION", "That queue does not exist in your company.");
  const secrets = Object.fromEntries((["providerSecret", "webhookSecret", "verifyToken"] as const).filter((key) => input[key]).map((key) => [key, input[key]]));
  const data = {
    channel: input.channel, address: normalizeAddress(input), label: input.label, queueId: input.queueId,
    providerBaseUrl: input.providerBaseUrl || null, providerAccount: input.providerAccount || null, apiVersion: input.apiVersion || null,
    sendRatePerSecond: input.sendRatePerSecond, ...secrets,
  };
  try {
    let id = options.numberId;
    if (id) {
      const numberId = id;
      await db.$transaction(async (tx) => {
        const { count } = await tx.channelAddress.updateMany({ where: { id: numberId, companyId }, data });
        if (count === 0) throw notFound("That number does not exist.");
        // Only SMS numbers are assigned to users: a number turned into another channel loses its users.
        if (input.channel !== "SMS") await tx.userNumber.deleteMany({ where: { channelAddressId: numberId } });
      });
    } else {
      id = (await db.channelAddress.create({ data: { ...data, companyId }, select: { id: true } })).id;
    }
    forgetProviderConfigs();
    return (await listNumbers({ principal })).find((n) => n.id === id)!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", `${data.address} is already in use.`);
    throw error;
  }
}

/**
 * Replaces the users an SMS number is assigned to. A number of another
 * company, or a user of another company, answers 404; WhatsApp numbers and
 * web-chat entry points are answered through their queue and cannot be
 * assigned (422).
 */
export async function assignNumberUsers(options: { principal: Principal; numberId: string; input: NumberUsersInput }): Promise<NumberConfigDto> {
  const { principal, numberId } = options;
  const companyId = principal.companyId;
  const userIds = [...new Set(options.input.userIds)];
  const number = await db.channelAddress.findFirst({ where: { id: numberId, companyId }, select: { channel: true } });
  if (!number) throw notFound("That number does not exist.");
  if (number.channel !== "SMS") {
    const what = number.channel === "WHATSAPP" ? "WhatsApp numbers" : "Web-chat entry points";
    throw new AppError("VALIDATION", `Only SMS numbers can be assigned to users. ${what} are answered through their queue.`, [{ path: "userIds", message: "Not an SMS number." }]);
  }
  const found = await db.user.count({ where: { id: { in: userIds }, companyId } });
  if (found !== userIds.length) throw notFound("One of those users does not exist.");
  await db.$transaction([
    db.userNumber.deleteMany({ where: { channelAddressId: numberId, userId: { notIn: userIds } } }),
    db.userNumber.createMany({ data: userIds.map((userId) => ({ userId, channelAddressId: numberId })), skipDuplicates: true }),
  ]);
  return (await listNumbers({ principal })).find((n) => n.id === numberId)!;
}

/** The company's users an SMS number can be assigned to. */
export async function listAssignableUsers(options: { principal: Principal }): Promise<Array<{ id: string; name: string }>> {
  return db.user.findMany({ where: { companyId: options.principal.companyId }, orderBy: { name: "asc" }, select: { id: true, name: true } });
}
