/** A customer opens a web chat: we record who they say they are and give their browser a token. */
import { z } from "zod";
import { db } from "../db";
import { findWebchatEntry } from "./find-entry";
import { issueCustomerToken } from "./customer-token";

export const startWebchatInputSchema = z.object({
  name: z.string().trim().min(1, "Tell us your name.").max(100),
  email: z.union([z.literal(""), z.string().trim().email("That email address does not look right.").max(200)]).optional(),
});
export type StartWebchatInput = z.infer<typeof startWebchatInputSchema>;

export async function startWebchatSession(options: { entry: string; input: StartWebchatInput }): Promise<{ token: string; customer: { name: string; email: string | null } }> {
  const entry = await findWebchatEntry(options.entry);
  const contact = await db.contact.create({
    data: { companyId: entry.companyId, name: options.input.name, email: options.input.email || null },
    select: { id: true, name: true, email: true },
  });
  return { token: issueCustomerToken({ contactId: contact.id, addressId: entry.id }), customer: { name: contact.name, email: contact.email } };
}
