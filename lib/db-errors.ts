/**
 * Recognising a unique-index violation, from Prisma's model queries (P2002), its raw queries (P2010 with the
 * driver's cause) and the driver itself (queryRows in lib/db.ts: PostgreSQL's code 23505).
 */
import { DatabaseError } from "pg";
import { Prisma } from "./generated/prisma/client";

export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof DatabaseError) return error.code === "23505";
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === "P2002") return true;
  const cause = (error.meta as { driverAdapterError?: { cause?: { kind?: string; originalCode?: string } } } | undefined)?.driverAdapterError?.cause;
  return error.code === "P2010" && (cause?.kind === "UniqueConstraintViolation" || cause?.originalCode === "23505");
}
