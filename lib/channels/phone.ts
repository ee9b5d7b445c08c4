/** Phone numbers are stored and compared in E.164 (libphonenumber-js). */
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { LRUCache } from "lru-cache";

// Every provider webhook names our number and the customer's: the same few numbers, parsed over and over.
const parsedProviderNumbers = new LRUCache<string, { e164: string | null }>({ max: 10_000 });

/** A number from a provider: WhatsApp ids are international digits without the leading "+". */
export function toE164(raw: string, defaultCountry: "US" = "US"): string | null {
  const key = `${defaultCountry}:${raw}`;
  const known = parsedProviderNumbers.get(key);
  if (known) return known.e164;
  const e164 = parseProviderNumber(raw, defaultCountry);
  parsedProviderNumbers.set(key, { e164 });
  return e164;
}

function parseProviderNumber(raw: string, defaultCountry: "US"): string | null {
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
