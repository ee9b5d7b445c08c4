import { describe, expect, it } from "vitest";
import { toE164, typedPhoneToE164 } from "./phone";

describe("phone numbers", () => {
  it("reads WhatsApp ids (international digits) and Twilio numbers", () => {
    expect(toE164("15550100123")).toBe("+15550100123");
    expect(toE164("whatsapp:+447700900123")).toBe("+447700900123");
  });

  it("reads what people type as national numbers of the default country unless they give a country code", () => {
    expect(typedPhoneToE164("5550109201")).toBe("+15550109201");
    expect(typedPhoneToE164("(555) 010-9201")).toBe("+15550109201");
    expect(typedPhoneToE164("+44 7700 900123")).toBe("+447700900123");
    expect(typedPhoneToE164("12345")).toBeNull();
    expect(typedPhoneToE164("call me")).toBeNull();
  });
});
