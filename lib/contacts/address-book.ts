/**
 * The contacts sidebar and the widget's "To" autocomplete: colleagues (with
 * presence) and the company's saved contacts with a phone number, matched by
 * name, extension or number.
 */
import { z } from "zod";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { Principal } from "../auth/principal";
import { onlineUserIds } from "../realtime/presence";

export const addressBookQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export interface ColleagueDto {
  id: string;
  name: string;
  extension: string | null;
  online: boolean;
  /** Whether click-to-call can ring them (they saved their phone). */
  callable: boolean;
}

export interface SavedContactDto {
  id: string;
  name: string;
  phone: string;
}

export interface AddressBook {
  colleagues: ColleagueDto[];
  contacts: SavedContactDto[];
}

export async function getAddressBook(options: { principal: Principal; query: z.infer<typeof addressBookQuerySchema> }): Promise<AddressBook> {
  const { principal, query } = options;
  const q = query.q ?? "";
  const digits = q.replace(/\D/g, "");
  const userWhere: Prisma.UserWhereInput = {
    companyId: principal.companyId,
    id: { not: principal.userId },
    ...(q ? { OR: [{ name: { contains: q, mode: "insensitive" } }, { extension: { startsWith: q } }, { email: { startsWith: q, mode: "insensitive" } }] } : {}),
  };
  const contactWhere: Prisma.ContactWhereInput = {
    companyId: principal.companyId,
    phone: { not: null },
    ...(q ? { OR: [{ name: { contains: q, mode: "insensitive" } }, ...(digits ? [{ phone: { contains: digits } }] : [])] } : {}),
  };
  const [users, contacts] = await Promise.all([
    db.user.findMany({ where: userWhere, orderBy: { name: "asc" }, take: query.limit, select: { id: true, name: true, extension: true, phone: true } }),
    db.contact.findMany({ where: contactWhere, orderBy: { name: "asc" }, take: query.limit, select: { id: true, name: true, phone: true } }),
  ]);
  const online = await onlineUserIds(users.map((u) => u.id));
  return {
    colleagues: users.map((u) => ({ id: u.id, name: u.name, extension: u.extension, online: online.has(u.id), callable: Boolean(u.phone) })),
    contacts: contacts.map((c) => ({ id: c.id, name: c.name, phone: c.phone! })),
  };
}
