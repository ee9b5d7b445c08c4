import { expect, test } from "./test";
import { agentPage, createCenter, send, standIn } from "./fixtures";

test("a customer's SMS is picked and answered; the provider receives the reply and the agent sees it delivered", async ({ browser }) => {
  const center = await createCenter({ agents: 1 });
  const { page } = await agentPage(browser, center.agents[0]!.email);
  await page.goto("/picklist");
  await expect(page.getByTestId("presence")).toHaveText("Online");

  const customerPhone = `+1555${Math.floor(1_000_000 + Math.random() * 8_999_999)}`;
  await standIn.sms(customerPhone, center.smsNumber, "Hi, can I change my delivery date?");
  const card = page.getByTestId("picklist-card").filter({ hasText: "change my delivery date" });
  await expect(card).toContainText("SMS");
  await expect(card).toContainText(customerPhone);
  await card.getByRole("button", { name: /^Pick/ }).click();
  await expect(page.getByTestId("conversation-title")).toHaveText(customerPhone);

  await send(page, "Sure, which date suits you?");
  const bubble = page.getByTestId("message").filter({ hasText: "which date suits you" });
  await expect(bubble.getByTestId("message-status")).toContainText("Delivered");

  const received = await standIn.sentTo(customerPhone);
  expect(received).toHaveLength(1);
  expect(received[0]).toMatchObject({ from: center.smsNumber, text: "Sure, which date suits you?" });

  // The customer's answer arrives live in the open conversation.
  await standIn.sms(customerPhone, center.smsNumber, "Friday please");
  await expect(page.getByText("Friday please")).toBeVisible();
});
