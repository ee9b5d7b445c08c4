/**
 * A company's file policy (allowed types, maximum size) and the effective
 * limit per channel. Read on every upload and validation, so a change applies
 * to the next file without a restart.
 */
import { z } from "zod";
import type { Channel } from "../generated/prisma/enums";
import { db } from "../db";
import type { Principal } from "../auth/principal";
import { DEFAULT_ALLOWED_TYPES, KNOWN_FILE_TYPES } from "./file-types";

/** What the providers accept per message: SMS (MMS) 5 MB, WhatsApp 16 MB; web chat follows the policy. */
export const CHANNEL_LIMIT_BYTES: Record<Channel, number> = { WEBCHAT: Number.MAX_SAFE_INTEGER, SMS: 5 * 1024 * 1024, WHATSAPP: 16 * 1024 * 1024 };
export const DEFAULT_MAX_SIZE_BYTES = 10 * 1024 * 1024;
const MAX_POLICY_BYTES = 100 * 1024 * 1024;

export interface FilePolicyDto {
  allowedTypes: string[];
  maxSizeBytes: number;
  externalCommunication: boolean;
  externalFileSharing: boolean;
}

export async function getFilePolicy(options: { companyId: string }): Promise<FilePolicyDto> {
  const company = await db.company.findUniqueOrThrow({
    where: { id: options.companyId },
    select: { externalCommunication: true, externalFileSharing: true, filePolicy: { select: { allowedTypes: true, maxSizeBytes: true } } },
  });
  return {
    allowedTypes: company.filePolicy?.allowedTypes ?? DEFAULT_ALLOWED_TYPES,
    maxSizeBytes: company.filePolicy?.maxSizeBytes ?? DEFAULT_MAX_SIZE_BYTES,
    externalCommunication: company.externalCommunication,
    externalFileSharing: company.externalFileSharing,
  };
}

/** The stricter of the policy's maximum and what the channel can carry. */
export function effectiveLimitBytes(policy: { maxSizeBytes: number }, channel: Channel): number {
  return Math.min(policy.maxSizeBytes, CHANNEL_LIMIT_BYTES[channel]);
}

export const filePolicyInputSchema = z.object({
  allowedTypes: z.array(z.enum(KNOWN_FILE_TYPES)).max(KNOWN_FILE_TYPES.length),
  maxSizeBytes: z.number().int().min(1024, "The limit must be at least 1 KB.").max(MAX_POLICY_BYTES, "The limit can be at most 100 MB."),
  externalCommunication: z.boolean(),
  externalFileSharing: z.boolean(),
});
export type FilePolicyInput = z.infer<typeof filePolicyInputSchema>;

/** Admins only (checked by the caller's wrapper); always the caller's own company. */
export async function updateFilePolicy(options: { principal: Principal; input: FilePolicyInput }): Promise<FilePolicyDto> {
  const { principal, input } = options;
  const allowedTypes = [...new Set(input.allowedTypes)];
  await db.$transaction([
    db.filePolicy.upsert({
      where: { companyId: principal.companyId },
      create: { companyId: principal.companyId, allowedTypes, maxSizeBytes: input.maxSizeBytes },
      update: { allowedTypes, maxSizeBytes: input.maxSizeBytes },
    }),
    db.company.update({ where: { id: principal.companyId }, data: { externalCommunication: input.externalCommunication, externalFileSharing: input.externalFileSharing } }),
  ]);
  return getFilePolicy({ companyId: principal.companyId });
}
