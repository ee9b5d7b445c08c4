/** The signed-in user's own settings. PATCH-style: only the fields sent change. */
import { z } from "zod";
import { db } from "../db";
import type { Principal } from "../auth/principal";
import { requirePhoneInput } from "./phone-input";

export const settingsInputSchema = z.object({
  notifyNewMessages: z.boolean().optional(),
  /** Your own phone, rung first by click-to-call; any usual notation with its country code, stored in E.164. Empty or null clears it. */
  phone: z.string().trim().max(40).nullable().optional(),
});
export type SettingsInput = z.infer<typeof settingsInputSchema>;

export interface Settings {
  notifyNewMessages: boolean;
  /** E.164, or null when not set. */
  phone: string | null;
}

const settingsSelect = { notifyNewMessages: true, phone: true } as const;

export async function getSettings(options: { principal: Principal }): Promise<Settings> {
  return db.user.findUniqueOrThrow({ where: { id: options.principal.userId }, select: settingsSelect });
}

/** Saves the fields given; a phone that is not a possible number is refused (422) before anything is written. */
export async function updateSettings(options: { principal: Principal; input: SettingsInput }): Promise<Settings> {
  const { notifyNewMessages, phone } = options.input;
  const data = {
    ...(notifyNewMessages === undefined ? {} : { notifyNewMessages }),
    ...(phone === undefined ? {} : { phone: phone ? requirePhoneInput(phone, "phone") : null }),
  };
  return db.user.update({ where: { id: options.principal.userId }, data, select: settingsSelect });
}
