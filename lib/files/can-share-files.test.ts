import { describe, expect, it } from "vitest";
import { canShareFiles } from "./can-share-files";

const company = (id: string, externalCommunication: boolean, externalFileSharing: boolean) => ({ id, externalCommunication, externalFileSharing });

describe("canShareFiles", () => {
  it("always within one company", () => {
    expect(canShareFiles(company("a", false, false), company("a", false, false))).toBe(true);
  });
  it("across companies only when both enable external communication and external file sharing", () => {
    expect(canShareFiles(company("a", true, true), company("b", true, true))).toBe(true);
    expect(canShareFiles(company("a", true, true), company("b", true, false))).toBe(false);
    expect(canShareFiles(company("a", true, false), company("b", true, true))).toBe(false);
    expect(canShareFiles(company("a", false, true), company("b", true, true))).toBe(false);
  });
});
