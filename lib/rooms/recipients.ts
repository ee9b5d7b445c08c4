/**
 * The "To" field of a new widget conversation: colleagues (a chat) or phone
 * numbers (an SMS), never both. Numbers are validated and kept in E.164.
 */
import { z } from "zod";
import { db } from "../db";
import { AppError } from "../errors";
import type { Principal } from "../auth/principal";
import { typedPhoneToE164 } from "../channels/phone";
import type { RoomKind } from "../generated/prisma/enums";

export const MAX_RECIPIENTS = 20;

export const recipientSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("user"), id: z.string().min(1).max(100) }),
  z.object({ type: z.literal("phone"), number: z.string().trim().min(1, "Type a phone number.").max(40) }),
]);
export type Recipient = z.infer<typeof recipientSchema>;

export const recipientsSchema = z
  .array(recipientSchema)
  .min(1, "Add at least one recipient: a colleague, a contact or a phone number.")
  .max(MAX_RECIPIENTS, `A conversation can have at most ${MAX_RECIPIENTS} recipients.`);

export const MIXED_RECIPIENTS =
  "A conversation is either a chat with colleagues or an SMS to phone numbers, not both. Remove the colleagues to send an SMS, or the phone numbers to start a chat.";

export function invalidNumberMessage(raw: string): string {
  return `"${raw}" is not a valid phone number. Type it with its country code, e.g. +1 555 010 0123.`;
}

export type ResolvedRecipients = { kind: Extract<RoomKind, "CHAT">; userIds: string[] } | { kind: Extract<RoomKind, "SMS">; phones: string[] };

export async function resolveRecipients(principal: Principal, recipients: Recipient[]): Promise<ResolvedRecipients> {
  const users = recipients.filter((r) => r.type === "user").map((r) => r.id);
  const numbers = recipients.filter((r) => r.type === "phone").map((r) => r.number);
  if (users.length && numbers.length) throw new AppError("VALIDATION", MIXED_RECIPIENTS, [{ path: "to", message: MIXED_RECIPIENTS }]);

  if (numbers.length) {
    const phones: string[] = [];
    for (const raw of numbers) {
      const phone = typedPhoneToE164(raw);
      if (!phone) throw new AppError("VALIDATION", invalidNumberMessage(raw), [{ path: "to", message: invalidNumberMessage(raw) }]);
      if (!phones.includes(phone)) phones.push(phone);
    }
    return { kind: "SMS", phones };
  }

  const wanted = [...new Set(users)].filter((id) => id !== principal.userId);
  if (wanted.length === 0) throw new AppError("VALIDATION", "Choose a colleague to chat with (not yourself).", [{ path: "to", message: "Choose a colleague." }]);
  const found = await db.user.findMany({ where: { id: { in: wanted }, companyId: principal.companyId }, select: { id: true } });
  if (found.length !== wanted.length) throw new AppError("NOT_FOUND", "One of the colleagues you chose does not exist.");
  return { kind: "CHAT", userIds: wanted };
}
