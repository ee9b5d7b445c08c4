import { expect, test } from "./test";
import { signInAs } from "./support";

test("an agent signs in with the form and sees the console shell", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByLabel("Email").fill("alice@acme.test");
  await page.getByLabel("Password").fill("parley-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/picklist$/);
  await expect(page.getByTestId("current-user")).toHaveText("Alice Agent");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Picklist" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Conversations" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "History" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Configuration" })).toHaveCount(0);
  await expect(page.getByTestId("presence")).toHaveText("Online");
});

test("every page names an icon that loads, so the browser does not ask for a missing /favicon.ico", async ({ page }) => {
  const missing: string[] = [];
  page.on("response", (response) => {
    if (response.status() >= 400) missing.push(`${response.status()} ${response.url()}`);
  });
  page.on("console", (message) => {
    if (message.type() === "error") missing.push(message.text());
  });
  for (const path of ["/sign-in", "/chat/acme-support"]) {
    await page.goto(path);
    const link = page.locator('link[rel="icon"]').first();
    await expect(link, `${path} names an icon`).toHaveAttribute("href", /./);
    expect((await page.request.get((await link.getAttribute("href"))!)).status(), `${path}'s icon loads`).toBe(200);
  }
  expect(missing).toEqual([]);
});

test("a wrong password shows a clear error and stays on sign-in", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("alice@acme.test");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "do not match an account" })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("an agent cannot open a configuration page", async ({ page }) => {
  await signInAs(page, "bob@acme.test");
  await page.goto("/configuration");
  await expect(page).toHaveURL(/\/forbidden$/);
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
});

test("a supervisor sees Configuration with the company's queues", async ({ page }) => {
  await signInAs(page, "supervisor@acme.test");
  await page.goto("/configuration");
  await expect(page.getByRole("heading", { name: "Configuration" })).toBeVisible();
  await expect(page.getByRole("form", { name: "Queue Support" })).toBeVisible();
  await expect(page.getByRole("form", { name: "Queue Sales" })).toBeVisible();
});

test("the console works at a phone's width", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signInAs(page, "carol@acme.test");
  await page.goto("/picklist");
  await expect(page.getByRole("heading", { name: "Picklist" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("signing out ends the session", async ({ page }) => {
  await signInAs(page, "alice@acme.test");
  await page.goto("/picklist");
  await page.getByRole("button", { name: "Sign out" }).first().click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/conversations");
  await expect(page).toHaveURL(/\/sign-in/);
});
