import { describe, expect, it } from "vitest";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { principalFromCookieHeader } from "@/lib/auth/session-token";
import { db } from "@/lib/db";
import { createCompany, createUser, sessionCookieFor, TEST_PASSWORD } from "../../support/factories";

describe("sign-in", () => {
  it("accepts the right password and returns the user's company and role", async () => {
    const company = await createCompany();
    const user = await createUser(company.id, { role: "SUPERVISOR" });
    const principal = await verifyCredentials({ email: user.email.toUpperCase(), password: TEST_PASSWORD });
    expect(principal).toEqual({ userId: user.id, companyId: company.id, role: "SUPERVISOR", name: user.name, email: user.email });
  });

  it("refuses a wrong password, an unknown email and malformed input alike", async () => {
    const company = await createCompany();
    const user = await createUser(company.id);
    expect(await verifyCredentials({ email: user.email, password: "wrong" })).toBeNull();
    expect(await verifyCredentials({ email: "nobody@test.parley", password: TEST_PASSWORD })).toBeNull();
    expect(await verifyCredentials({ email: "not-an-email", password: "" })).toBeNull();
  });

  it("never returns the password hash from ordinary queries", async () => {
    const company = await createCompany();
    const user = await createUser(company.id);
    const row = await db.user.findUnique({ where: { id: user.id } });
    expect(row).not.toBeNull();
    expect(row).not.toHaveProperty("passwordHash");
  });
});

describe("session cookie outside Next.js", () => {
  it("resolves a valid session cookie to the current user", async () => {
    const company = await createCompany();
    const user = await createUser(company.id);
    const principal = await principalFromCookieHeader(`theme=dark; ${await sessionCookieFor(user)}`);
    expect(principal?.userId).toBe(user.id);
    expect(principal?.companyId).toBe(company.id);
  });

  it("refuses a missing, forged or deleted user's cookie", async () => {
    const company = await createCompany();
    const user = await createUser(company.id);
    const cookie = await sessionCookieFor(user);
    expect(await principalFromCookieHeader(undefined)).toBeNull();
    expect(await principalFromCookieHeader("next-auth.session-token=forged.jwt.value")).toBeNull();
    await db.user.delete({ where: { id: user.id } });
    expect(await principalFromCookieHeader(cookie)).toBeNull();
  });

  it("re-reads the role, so a demotion takes effect at once", async () => {
    const company = await createCompany();
    const user = await createUser(company.id, { role: "ADMIN" });
    const cookie = await sessionCookieFor(user);
    await db.user.update({ where: { id: user.id }, data: { role: "AGENT" } });
    expect((await principalFromCookieHeader(cookie))?.role).toBe("AGENT");
  });
});
