import { expect, test } from "./test";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { agentPage, createCenter, E2E_PASSWORD } from "./fixtures";

test("the admin home shows SMS usage: a chart and the per-number table with the texts of the period", async ({ browser }) => {
  const center = await createCenter({ agents: 1 });
  const number = await db.channelAddress.findFirstOrThrow({ where: { channel: "SMS", address: center.smsNumber }, select: { id: true, companyId: true, queueId: true } });
  const admin = await db.user.create({
    data: { companyId: number.companyId, email: `admin-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@e2e.test`, name: "Ada Admin", role: "ADMIN", passwordHash: await hashPassword(E2E_PASSWORD) },
  });
  // Two texts in and three out (one failed) on the number today; the SYSTEM row is not a text.
  const contact = await db.contact.create({ data: { companyId: number.companyId, name: "Usage Customer", phone: "+15550009876" } });
  const now = new Date();
  const messages = [
    { direction: "INBOUND", status: "RECEIVED" },
    { direction: "OUTBOUND", status: "DELIVERED" },
    { direction: "SYSTEM", status: "SENT" },
    { direction: "INBOUND", status: "RECEIVED" },
    { direction: "OUTBOUND", status: "SENT" },
    { direction: "OUTBOUND", status: "FAILED" },
  ] as const;
  await db.conversation.create({
    data: {
      companyId: number.companyId, queueId: number.queueId!, channelAddressId: number.id, contactId: contact.id, channel: "SMS", status: "ACTIVE",
      assigneeId: center.agents[0]!.id, lastSeq: messages.length,
      messages: { create: messages.map((m, i) => ({ seq: i + 1, ...m, body: `usage ${i + 1}`, authorUserId: m.direction === "OUTBOUND" ? center.agents[0]!.id : null, createdAt: now })) },
    },
  });

  const { page } = await agentPage(browser, admin.email);
  await page.goto("/configuration");
  const section = page.getByRole("region", { name: "SMS usage" });
  await expect(section).toBeVisible();

  const chart = section.getByRole("figure", { name: /SMS per day: All numbers, 2 in, 3 out/ });
  await expect(chart).toBeVisible();
  await expect(chart.getByRole("application")).toBeVisible(); // the recharts surface
  await expect(chart.locator(".recharts-bar-rectangle").first()).toBeVisible();

  const perNumber = section.getByRole("table", { name: "Per number" });
  const row = perNumber.getByRole("row").filter({ hasText: center.smsNumber });
  await expect(row).toContainText("Help line");
  await expect(row.getByTestId("total-in")).toHaveText("2");
  await expect(row.getByTestId("total-out")).toHaveText("3");
  await expect(row.getByTestId("total-failed")).toHaveText("1");
  await expect(row.getByRole("cell").nth(6)).toContainText("2 in, 3 out"); // today, the last of 7 days
  await expect(perNumber.getByRole("columnheader")).toHaveCount(1 + 7 + 3);

  const perUser = section.getByRole("table", { name: "Per user" });
  await expect(perUser.getByRole("row").filter({ hasText: center.agents[0]!.name }).getByTestId("total-out")).toHaveText("3");

  // A longer period is fetched from the API; the same texts are still in it.
  await section.getByRole("button", { name: "30 days" }).click();
  await expect(perNumber.getByRole("columnheader")).toHaveCount(1 + 30 + 3);
  await expect(row.getByTestId("total-out")).toHaveText("3");

  // A reversed period shows the server's explanation.
  await section.getByLabel("From").fill("2030-01-02");
  await section.getByLabel("To").fill("2030-01-01");
  await section.getByRole("button", { name: "Show" }).click();
  await expect(section.getByRole("alert")).toContainText("The start date (2030-01-02) is after the end date (2030-01-01).");
});
