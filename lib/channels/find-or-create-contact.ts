/** The customer behind a phone number, per company; created on first contact (concurrent webhooks included). */
import { isUniqueViolation } from "../db-errors";
import { db } from "../db";

export async function findOrCreateContact(companyId: string, phone: string, name?: string): Promise<{ id: string; optedOutAt: Date | null }> {
  const select = { id: true, optedOutAt: true } as const;
  const existing = await db.contact.findUnique({ where: { companyId_phone: { companyId, phone } }, select });
  if (existing) return existing;
  try {
    return await db.contact.create({ data: { companyId, phone, name: name?.trim() || phone }, select });
  } catch (error) {
    if (isUniqueViolation(error)) {
      return db.contact.findUniqueOrThrow({ where: { companyId_phone: { companyId, phone } }, select });
    }
    throw error;
  }
}
