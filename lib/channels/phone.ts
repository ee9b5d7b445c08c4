/** Phone numbers are stored and compared in E.164 (libphonenumber-js). */
import { parsePhoneNumberFromString } from "libphonenumber-js";

/** A number from a provider: WhatsApp ids are international digits without the leading "+". */
export function toE164(raw: string, defaultCountry: "US" = "US"): string | null {
  const trimmed = raw.trim().replace(/^whatsapp:/, "");
  const candidate = /^\d{8,15}$/.test(trimmed) ? `+${trimmed}` : trimmed;
  const parsed = parsePhoneNumberFromString(candidate, defaultCountry);
  return parsed?.isPossible() ? parsed.number : null;
}

/** A number a person typed: "(555) 010-0123" and "5550100123" are national numbers of the default country. */
export function typedPhoneToE164(raw: string, defaultCountry: "US" = "US"): string | null {
  const parsed = parsePhoneNumberFromString(raw.trim(), defaultCountry);
  return parsed?.isPossible() ? parsed.number : null;
}
