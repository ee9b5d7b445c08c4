/** Phone numbers are stored and compared in E.164 (libphonenumber-js). */
import { parsePhoneNumberFromString } from "libphonenumber-js";

export function toE164(raw: string, defaultCountry: "US" = "US"): string | null {
  const trimmed = raw.trim().replace(/^whatsapp:/, "");
  // WhatsApp ids come without the leading "+".
  const candidate = /^\d{8,15}$/.test(trimmed) ? `+${trimmed}` : trimmed;
  const parsed = parsePhoneNumberFromString(candidate, defaultCountry);
  return parsed?.isPossible() ? parsed.number : null;
}
