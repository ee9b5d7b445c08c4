/** "Your phone" in Settings through PATCH/GET /api/v1/me: saved in E.164, refused when it is not a phone number. */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import * as meRoute from "@/app/api/v1/me/route";
import type { Settings } from "@/lib/users/settings";
import { createCompany, createUser } from "../../support/factories";
import { apiTokenFor, callRoute } from "../../support/http";

type SettingsAnswer = { settings: Settings };
type ErrorAnswer = { error: { code: string; message: string; fields?: Array<{ path: string; message: string }> } };

async function signedIn() {
  const user = await createUser((await createCompany()).id);
  const token = await apiTokenFor(user.id);
  const patch = <T = SettingsAnswer>(body: unknown) => callRoute<T>(meRoute.PATCH, "PATCH", { token, body });
  const stored = async () => db.user.findUniqueOrThrow({ where: { id: user.id }, select: { phone: true, notifyNewMessages: true } });
  return { user, token, patch, stored };
}

describe("your own phone", () => {
  it("is saved in E.164 whatever the notation, and read back with your settings", async () => {
    const { token, patch, stored } = await signedIn();
    const saved = await patch({ phone: " +1 (555) 010-0123 " });
    expect(saved.status).toBe(200);
    expect(saved.body.settings).toEqual({ notifyNewMessages: true, phone: "+15550100123" });
    expect(await stored()).toEqual({ phone: "+15550100123", notifyNewMessages: true });
    const me = await callRoute<{ settings: Settings }>(meRoute.GET, "GET", { token });
    expect(me.body.settings.phone).toBe("+15550100123");
    expect((await patch({ phone: "+44 20 7946 0958" })).body.settings.phone).toBe("+442079460958");
  });

  it("an invalid number is 422 with a message saying how to type it, and the stored phone stays", async () => {
    const { patch, stored } = await signedIn();
    await patch({ phone: "+15550100123" });
    for (const typed of ["12345", "call me maybe"]) {
      const answer = await patch<ErrorAnswer>({ phone: typed, notifyNewMessages: false });
      expect(answer.status).toBe(422);
      expect(answer.body.error).toEqual({
        code: "VALIDATION",
        message: `"${typed}" is not a valid phone number. Type it with its country code, e.g. +1 555 010 0123.`,
        fields: [{ path: "phone", message: "Not a valid phone number." }],
      });
    }
    expect(await stored()).toEqual({ phone: "+15550100123", notifyNewMessages: true });
  });

  it("an empty field clears it; changing another setting leaves it alone", async () => {
    const { patch, stored } = await signedIn();
    await patch({ phone: "+15550100123" });
    expect((await patch({ notifyNewMessages: false })).body.settings).toEqual({ notifyNewMessages: false, phone: "+15550100123" });
    expect((await patch({ phone: "" })).body.settings.phone).toBeNull();
    await patch({ phone: "+15550100123" });
    expect((await patch({ phone: null })).body.settings.phone).toBeNull();
    expect(await stored()).toEqual({ phone: null, notifyNewMessages: false });
  });
});
