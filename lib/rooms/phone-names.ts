/** Names of a room's phone participants, from the company's saved contacts (else the number is shown). */
import { db } from "../db";

export async function phoneNamesFor(companyId: string, phones: string[]): Promise<Map<string, string>> {
  if (phones.length === 0) return new Map();
  const contacts = await db.contact.findMany({ where: { companyId, phone: { in: phones } }, select: { phone: true, name: true } });
  return new Map(contacts.filter((c) => c.phone && c.name !== c.phone).map((c) => [c.phone!, c.name]));
}

export async function roomPhoneNames(roomId: string, companyId: string): Promise<Map<string, string>> {
  const phones = await db.roomPhone.findMany({ where: { roomId }, select: { phone: true } });
  return phoneNamesFor(companyId, phones.map((p) => p.phone));
}
