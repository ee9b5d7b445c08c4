/** The SMS numbers an administrator assigned to a user: the only numbers that user may send from. */
import { db } from "../db";
import { AppError } from "../errors";
import type { Principal } from "../auth/principal";

export interface AssignedNumberDto {
  id: string;
  number: string;
  label: string;
}

export const NO_ASSIGNED_NUMBER = "No SMS number is assigned to you, so you cannot send SMS. An administrator can assign one under Configuration → Numbers.";

export async function listAssignedNumbers(principal: Principal): Promise<AssignedNumberDto[]> {
  const rows = await db.userNumber.findMany({
    where: { userId: principal.userId, address: { companyId: principal.companyId, channel: "SMS" } },
    select: { address: { select: { id: true, address: true, label: true } } },
    orderBy: { address: { address: "asc" } },
  });
  return rows.map(({ address }) => ({ id: address.id, number: address.address, label: address.label }));
}

/** The number to send from: the one asked for if it is assigned to the user, else their first. */
export async function requireAssignedNumber(principal: Principal, fromAddressId: string | undefined): Promise<AssignedNumberDto> {
  const numbers = await listAssignedNumbers(principal);
  if (numbers.length === 0) throw new AppError("FORBIDDEN", NO_ASSIGNED_NUMBER);
  if (!fromAddressId) return numbers[0]!;
  const chosen = numbers.find((number) => number.id === fromAddressId);
  if (!chosen) throw new AppError("VALIDATION", "You can only send from the SMS numbers assigned to you.", [{ path: "fromAddressId", message: "Not one of your numbers." }]);
  return chosen;
}
