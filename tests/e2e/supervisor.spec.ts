import { expect, test } from "./test";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { agentPage, createCenter, customerPage, E2E_PASSWORD, send } from "./fixtures";

test("the live queue board counts a new waiting conversation and shows who is online", async ({ browser }) => {
  const center = await createCenter({ agents: 1 });
  const company = await db.user.findUniqueOrThrow({ where: { email: center.agents[0]!.email }, select: { companyId: true } });
  const supervisor = await db.user.create({
    data: { companyId: company.companyId, email: `sup-${Date.now()}@e2e.test`, name: "Sue Supervisor", role: "SUPERVISOR", passwordHash: await hashPassword(E2E_PASSWORD) },
  });
  const agent = await agentPage(browser, center.agents[0]!.email);
  await agent.page.goto("/picklist");
  await expect(agent.page.getByTestId("presence")).toHaveText("Online");

  const { page } = await agentPage(browser, supervisor.email);
  await page.goto("/configuration/board");
  const queue = page.getByTestId("board-queue").filter({ hasText: "Support" });
  await expect(queue.getByTestId("board-waiting")).toHaveText("0");
  await expect(queue).toContainText(`${center.agents[0]!.name}`);
  await expect(queue).toContainText("available");

  const customer = await customerPage(browser, center.entry, "Board Betty");
  await send(customer, "Anyone there?");
  await expect(queue.getByTestId("board-waiting")).toHaveText("1");

  await agent.page.getByRole("button", { name: "Pick conversation with Board Betty" }).click();
  await expect(queue.getByTestId("board-waiting")).toHaveText("0");
  await expect(queue).toContainText("busy · 1 active");
});
