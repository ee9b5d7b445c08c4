/**
 * The chat/SMS widget in the browser: a group SMS from a user's own number
 * through the provider stand-in with a live reply, a chat with a colleague
 * who was signed out (missed-messages notice, bold on the Messages page), and
 * the widget's own errors.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./test";
import sharp from "sharp";
import { db } from "@/lib/db";
import { agentPage, createCenter, standIn } from "./fixtures";

const uniquePhone = () => `+1555${Math.floor(1_000_000 + Math.random() * 8_999_999)}`;

/** A direct line (no queue) assigned to the user, with the stand-in as provider. */
async function assignDirectLine(companyId: string, userId: string): Promise<string> {
  const number = uniquePhone();
  const address = await db.channelAddress.create({
    data: { companyId, channel: "SMS", address: number, label: "Direct line", providerBaseUrl: process.env.STAND_IN_URL!, providerAccount: "AC00000000000000000000000000000000", providerSecret: "stand-in-twilio-token" },
  });
  await db.userNumber.create({ data: { userId, channelAddressId: address.id } });
  return number;
}

function widget(page: Page, title: string | RegExp) {
  return page.getByTestId("widget").filter({ has: page.getByTestId("widget-title").filter({ hasText: title }) });
}

test("a user texts a new number and a saved contact from their own number; a reply shows live and turns the minimized widget green", async ({ browser }) => {
  const center = await createCenter({ agents: 1 });
  const alice = center.agents[0]!;
  const directLine = await assignDirectLine(center.companyId, alice.id);
  const newNumber = uniquePhone();
  const contact = await db.contact.create({ data: { companyId: center.companyId, name: `Maria ${center.entry.slice(-8)}`, phone: uniquePhone() } });

  const { page } = await agentPage(browser, alice.email);
  await page.goto("/picklist");
  await page.getByRole("button", { name: "New conversation" }).click();
  const draft = page.getByTestId("widget").filter({ hasText: "New conversation" });
  const to = draft.getByTestId("to-input");
  await to.fill(newNumber);
  await to.press("Enter");
  await to.fill("Maria");
  await draft.getByRole("option", { name: new RegExp(contact.name) }).click();
  await expect(draft.getByTestId("recipient-chip")).toHaveCount(2);
  await expect(draft.getByTestId("new-conversation-kind")).toHaveText("SMS");
  await expect(draft.getByLabel("Send from")).toContainText(directLine);

  await draft.getByRole("textbox", { name: "Message" }).fill("Your order is ready for pickup.");
  await draft.getByRole("textbox", { name: "Message" }).press("Enter");
  // The draft became the conversation's widget (the only one with a kind badge).
  const room = page.getByTestId("widget").filter({ has: page.getByTestId("room-kind") });
  await expect(room.getByTestId("room-message")).toHaveText(/Your order is ready for pickup\./);
  await expect(room.getByTestId("room-kind")).toHaveText("SMS");
  await expect(room).toContainText(`SMS from ${directLine}`);

  // The stand-in received one SMS per recipient, both from Alice's number.
  await expect.poll(async () => [...(await standIn.sentTo(newNumber)), ...(await standIn.sentTo(contact.phone!))].map((s) => [s.from, s.text])).toEqual([
    [directLine, "Your order is ready for pickup."],
    [directLine, "Your order is ready for pickup."],
  ]);
  await expect(room.getByTestId("delivery-status")).toContainText(/Sent 2|Delivered 2|Sent 1 · Delivered 1|Delivered 1 · Sent 1/);

  await room.getByRole("button", { name: "Minimize", exact: true }).click();
  await expect(room).toHaveAttribute("data-minimized", "true");
  await expect(room).toHaveAttribute("data-attention", "false");
  await standIn.sms(contact.phone!, directLine, "On my way!");
  await expect(room).toHaveAttribute("data-attention", "true");
  await expect(room.getByTestId("widget-header")).toHaveClass(/bg-emerald-500/);
  await room.getByRole("button", { name: "Expand" }).click();
  await expect(room.getByTestId("room-message").filter({ hasText: "On my way!" })).toContainText(contact.name);
  await expect(room).toHaveAttribute("data-attention", "false");
});

test("a chat to a signed-out colleague waits for them: missed-messages notice at sign-in and the conversation in bold on Messages", async ({ browser }) => {
  const center = await createCenter({ agents: 2 });
  const [anna, ben] = center.agents as [typeof center.agents[0], typeof center.agents[0]];
  const { page: a } = await agentPage(browser, anna.email);
  await a.goto("/picklist");
  const benRow = a.getByTestId("colleague-row").filter({ hasText: ben.name });
  await expect(benRow.getByTestId("presence-dot")).toHaveAttribute("data-online", "false");
  await benRow.hover();
  await benRow.getByRole("button", { name: `Message ${ben.name}` }).click();
  const draft = a.getByTestId("widget").filter({ hasText: "New conversation" });
  await expect(draft.getByTestId("new-conversation-kind")).toHaveText("Chat");
  await expect(draft.getByLabel("Send from")).toHaveCount(0);
  await draft.getByRole("textbox", { name: "Message" }).fill("Can you take my 3pm call?");
  await draft.getByRole("textbox", { name: "Message" }).press("Enter");
  await expect(widget(a, ben.name).getByTestId("room-message")).toHaveText(/Can you take my 3pm call\?/);
  // Leave is only offered with several members; a 1:1 offers Delete.
  await widget(a, ben.name).getByRole("button", { name: "More" }).click();
  await expect(widget(a, ben.name).getByRole("menuitem", { name: "Leave" })).toHaveCount(0);
  await expect(widget(a, ben.name).getByRole("menuitem", { name: "Delete" })).toBeVisible();

  const { page: b } = await agentPage(browser, ben.email);
  await b.goto("/picklist");
  await expect(b.getByTestId("missed-notice")).toHaveText(/You missed 1 message in 1 conversation while you were away\./);
  // Presence reaches Anna's sidebar live.
  await expect(benRow.getByTestId("presence-dot")).toHaveAttribute("data-online", "true");
  await b.getByRole("link", { name: "View messages" }).click();
  await expect(b.getByRole("tab", { name: "Chat and SMS" })).toHaveAttribute("aria-selected", "true");
  const row = b.getByTestId("messages-row").filter({ hasText: anna.name });
  await expect(row).toHaveAttribute("data-unread", "true");
  await expect(row).toHaveClass(/font-bold/);
  await row.click();
  await expect(b.getByTestId("room-message")).toHaveText(/Can you take my 3pm call\?/);
  await b.getByRole("link", { name: "← Messages" }).click();
  await expect(b.getByTestId("messages-row").filter({ hasText: anna.name })).toHaveAttribute("data-unread", "false");

  // Ben answers from the widget; Anna's open widget shows it live.
  await b.getByTestId("contacts-sidebar").getByTestId("colleague-row").filter({ hasText: anna.name }).hover();
  await b.getByRole("button", { name: `Message ${anna.name}` }).click();
  const benWidget = widget(b, anna.name);
  await expect(benWidget.getByTestId("room-message")).toHaveCount(1);
  await benWidget.getByRole("textbox", { name: "Message" }).fill("Sure, consider it done.");
  await benWidget.getByRole("textbox", { name: "Message" }).press("Enter");
  await expect(widget(a, ben.name).getByTestId("room-message").filter({ hasText: "Sure, consider it done." })).toBeVisible();

  // The paperclip: the file is checked against the company's policy, then sent; Anna sees the picture.
  await benWidget.getByTestId("attach-input").setInputFiles({ name: "schedule.png", mimeType: "image/png", buffer: await sharp({ create: { width: 120, height: 80, channels: 3, background: "#0ea5e9" } }).png().toBuffer() });
  await expect(benWidget.getByTestId("attachment-state")).toHaveText("Ready");
  await benWidget.getByRole("textbox", { name: "Message" }).press("Enter");
  await expect(widget(a, ben.name).getByTestId("message-attachment")).toHaveCount(1);
  await expect(widget(a, ben.name).getByTestId("message-attachment").getByRole("img")).toBeVisible();
});

test("the widget explains what it cannot do: an invalid number, mixing a colleague with a number, and SMS without an assigned number", async ({ browser }) => {
  const center = await createCenter({ agents: 2 });
  const [anna, ben] = center.agents as [typeof center.agents[0], typeof center.agents[0]];
  const { page } = await agentPage(browser, anna.email);
  await page.goto("/picklist");
  await page.getByRole("button", { name: "New conversation" }).click();
  const draft = page.getByTestId("widget").filter({ hasText: "New conversation" });
  const to = draft.getByTestId("to-input");
  await to.fill("12345");
  await to.press("Enter");
  await expect(draft.getByTestId("new-conversation-error")).toHaveText('"12345" is not a valid phone number. Type it with its country code, e.g. +1 555 010 0123.');
  await expect(draft.getByTestId("recipient-chip")).toHaveCount(0);

  await to.fill("+1 555 010 0199");
  await to.press("Enter");
  await expect(draft.getByRole("alert").filter({ hasText: "No SMS number is assigned to you" })).toBeVisible();
  await to.fill(ben.name.split(" ")[0]!);
  await draft.getByRole("option", { name: new RegExp(ben.name) }).click();
  await expect(draft.getByTestId("kind-hint")).toHaveText(/either a chat with colleagues or an SMS to phone numbers, not both/);
  await expect(draft.getByRole("textbox", { name: "Message" })).toBeDisabled();
  await draft.getByRole("button", { name: "Remove +15550100199" }).click();
  await expect(draft.getByTestId("new-conversation-kind")).toHaveText("Chat");
  await expect(draft.getByRole("textbox", { name: "Message" })).toBeEnabled();
});
