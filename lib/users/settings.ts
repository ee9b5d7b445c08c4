/** The signed-in user's own settings. */
import { z } from "zod";
import { db } from "../db";
import type { Principal } from "../auth/principal";

export const settingsInputSchema = z.object({ notifyNewMessages: z.boolean() });
export type Settings = z.infer<typeof settingsInputSchema>;

export async function getSettings(options: { principal: Principal }): Promise<Settings> {
  return db.user.findUniqueOrThrow({ where: { id: options.principal.userId }, select: { notifyNewMessages: true } });
}

export async function updateSettings(options: { principal: Principal; input: Settings }): Promise<Settings> {
  return db.user.update({ where: { id: options.principal.userId }, data: options.input, select: { notifyNewMessages: true } });
}
