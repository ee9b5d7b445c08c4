import { db } from "../db";

/** A number that answered STOP (or the provider says opted out) gets no further SMS from the company. */
export async function markPhoneOptedOut(companyId: string, phone: string): Promise<void> {
  await db.contact.updateMany({ where: { companyId, phone, optedOutAt: null }, data: { optedOutAt: new Date() } });
}
