/**
 * Per-test data for browser tests: a fresh company with its own agents,
 * queue and web-chat entry point, so tests run in parallel without seeing
 * each other's conversations.
 */
import { randomUUID } from "node:crypto";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "@playwright/test";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import type { QueueMode } from "@/lib/generated/prisma/enums";
import { signInAs } from "./support";
import { watchPageErrors } from "./test";

export const E2E_PASSWORD = "e2e-password-123";

export interface E2ECenter {
  entry: string;
  smsNumber: string;
  companyId: string;
  companyName: string;
  agents: Array<{ id: string; email: string; name: string }>;
}

export async function createCenter(options: { agents?: number; mode?: QueueMode } = {}): Promise<E2ECenter> {
  const suffix = randomUUID().slice(0, 8);
  const passwordHash = await hashPassword(E2E_PASSWORD);
  const company = await db.company.create({ data: { name: `E2E Co ${suffix}`, slug: `e2e-${suffix}`, filePolicy: { create: {} } } });
  const agents = [];
  for (let i = 0; i < (options.agents ?? 2); i++) {
    const name = `${["Anna", "Ben", "Cleo", "Dan"][i] ?? "Agent"} ${suffix}`;
    agents.push(await db.user.create({ data: { companyId: company.id, email: `agent${i}-${suffix}@e2e.test`, name, passwordHash }, select: { id: true, email: true, name: true } }));
  }
  const queue = await db.queue.create({ data: { companyId: company.id, name: "Support", mode: options.mode ?? "PICK", members: { create: agents.map((a) => ({ userId: a.id })) } } });
  const entry = `e2e-chat-${suffix}`;
  await db.channelAddress.create({ data: { companyId: company.id, queueId: queue.id, channel: "WEBCHAT", address: entry, label: "Help chat" } });
  const smsNumber = `+1555${Math.floor(1_000_000 + Math.random() * 8_999_999)}`;
  await db.channelAddress.create({
    data: {
      companyId: company.id, queueId: queue.id, channel: "SMS", address: smsNumber, label: "Help line",
      providerBaseUrl: process.env.STAND_IN_URL!, providerAccount: "AC00000000000000000000000000000000", providerSecret: "stand-in-twilio-token",
    },
  });
  return { entry, smsNumber, companyId: company.id, companyName: company.name, agents };
}

/** The provider stand-in of the browser tests: play the customer's phone and read what Parley sent. */
export const standIn = {
  async sms(from: string, to: string, body: string): Promise<void> {
    const res = await fetch(`${process.env.STAND_IN_URL}/control/sms/inbound`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ from, to, body }) });
    if (!res.ok) throw new Error(`stand-in inbound failed: ${res.status} ${await res.text()}`);
  },
  /** The sends the stand-in accepted to a number: what the customer's phone received. */
  async sentTo(number: string): Promise<Array<{ from: string; to: string; text: string; idempotencyKey: string | null }>> {
    const res = await fetch(`${process.env.STAND_IN_URL}/control/conversation?provider=sms&number=${encodeURIComponent(number)}`);
    return (await res.json()) as Array<{ from: string; to: string; text: string; idempotencyKey: string | null }>;
  },
};

/** A new browser context signed in as the agent (each context is a separate client). */
export async function agentPage(browser: Browser, email: string, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options);
  watchPageErrors(context);
  const page = await context.newPage();
  await signInAs(page, email, E2E_PASSWORD);
  return { context, page };
}

/** A customer opens the web chat and introduces themselves. */
export async function customerPage(browser: Browser, entry: string, name: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
  watchPageErrors(context);
  const page = await context.newPage();
  await page.goto(`/chat/${entry}`);
  await page.getByLabel("Your name").fill(name);
  await page.getByRole("button", { name: "Start chat" }).click();
  await page.getByRole("textbox", { name: "Message", exact: true }).waitFor();
  return page;
}

export async function send(page: Page, text: string): Promise<void> {
  await page.getByRole("textbox", { name: "Message", exact: true }).fill(text);
  await page.getByRole("textbox", { name: "Message", exact: true }).press("Enter");
}
