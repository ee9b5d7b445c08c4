/**
 * Files may cross from one company to another only when both allow it:
 * external communication and external file sharing on both sides.
 */
import { db } from "../db";

interface CompanySharing {
  id: string;
  externalCommunication: boolean;
  externalFileSharing: boolean;
}

export function canShareFiles(a: CompanySharing, b: CompanySharing): boolean {
  if (a.id === b.id) return true;
  return a.externalCommunication && a.externalFileSharing && b.externalCommunication && b.externalFileSharing;
}

/** The same rule by company ids (reads both companies only when they differ). */
export async function canShareFilesBetween(companyAId: string, companyBId: string): Promise<boolean> {
  if (companyAId === companyBId) return true;
  const select = { id: true, externalCommunication: true, externalFileSharing: true } as const;
  const [a, b] = await Promise.all([db.company.findUnique({ where: { id: companyAId }, select }), db.company.findUnique({ where: { id: companyBId }, select })]);
  return Boolean(a && b && canShareFiles(a, b));
}
