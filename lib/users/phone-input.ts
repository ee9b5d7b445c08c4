/** A phone number a person typed (their own, or one to call): E.164, or an error that says how to type it. */
import { AppError } from "../errors";
import { typedPhoneToE164 } from "../channels/phone";

export function invalidPhoneMessage(raw: string): string {
  return `"${raw.trim()}" is not a valid phone number. Type it with its country code, e.g. +1 555 010 0123.`;
}

/** The number in E.164; throws VALIDATION (422) naming `field` when it is not a possible phone number. */
export function requirePhoneInput(raw: string, field: string): string {
  const e164 = typedPhoneToE164(raw);
  if (!e164) throw new AppError("VALIDATION", invalidPhoneMessage(raw), [{ path: field, message: "Not a valid phone number." }]);
  return e164;
}
