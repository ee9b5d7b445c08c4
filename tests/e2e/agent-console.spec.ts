import { expect, test } from "./test";
import { agentPage, createCenter, customerPage, send } from "./fixtures";

test("a web chat from picklist to history: pick race, messages both ways, private note, transfer, end", async ({ browser }) => {
  const center = await createCenter({ agents: 2 });
  const [anna, ben] = center.agents as [(typeof center.agents)[0], (typeof center.agents)[0]];
  const a = await agentPage(browser, anna.email);
  const b = await agentPage(browser, ben.email);
  await a.page.goto("/picklist");
  await b.page.goto("/picklist");
  await expect(a.page.getByTestId("presence")).toHaveText("Online");
  await expect(b.page.getByTestId("presence")).toHaveText("Online");

  // The customer writes in; both agents see the card live.
  const customer = await customerPage(browser, center.entry, "Rita Customer");
  await send(customer, "Hello, my parcel is late");
  for (const page of [a.page, b.page]) {
    const card = page.getByTestId("picklist-card").filter({ hasText: "Rita Customer" });
    await expect(card).toBeVisible();
    await expect(card).toContainText("my parcel is late");
    await expect(card).toContainText("Web chat");
  }

  // Anna picks; the card leaves Ben's picklist within a second.
  await a.page.getByRole("button", { name: "Pick conversation with Rita Customer" }).click();
  await expect(a.page).toHaveURL(/\/conversations\/.+/);
  await expect(b.page.getByTestId("picklist-card").filter({ hasText: "Rita Customer" })).toHaveCount(0, { timeout: 1000 });
  await expect(a.page.getByTestId("conversation-title")).toHaveText("Rita Customer");

  // Messages both ways.
  await send(a.page, "Hi Rita, let me check that for you.");
  await expect(customer.getByText("Hi Rita, let me check that for you.")).toBeVisible();
  await send(customer, "Thanks! Order 4711.");
  await expect(a.page.getByText("Thanks! Order 4711.")).toBeVisible();
  await expect(a.page.getByTestId("message").filter({ hasText: "let me check" }).getByTestId("message-status")).toContainText("Read");

  // A private note: visible to agents, never to the customer.
  await a.page.getByLabel("New note").fill("VIP customer, secret discount code XYZ");
  await a.page.getByRole("button", { name: "Add note" }).click();
  await expect(a.page.getByTestId("note").filter({ hasText: "secret discount code XYZ" })).toBeVisible();

  // Transfer to Ben, with a note; it lands live in Ben's list.
  await b.page.goto("/conversations");
  await a.page.getByRole("button", { name: "Transfer" }).click();
  await a.page.getByLabel("Transfer to").selectOption({ label: `${ben.name} (online)` });
  await a.page.getByLabel("Note for the next agent (optional)").fill("Parcel 4711, please follow up");
  await a.page.getByRole("button", { name: "Transfer", exact: true }).last().click();
  await expect(a.page).toHaveURL(/\/conversations$/);
  const benItem = b.page.getByTestId("conversation-item").filter({ hasText: "Rita Customer" });
  await expect(benItem).toBeVisible();
  await expect(a.page.getByTestId("conversation-item").filter({ hasText: "Rita Customer" })).toHaveCount(0);

  // Ben sees the history and the notes, and ends the chat.
  await benItem.click();
  await expect(b.page.getByText("Thanks! Order 4711.")).toBeVisible();
  await expect(b.page.getByTestId("note").filter({ hasText: "secret discount code XYZ" })).toBeVisible();
  await b.page.getByRole("button", { name: "End chat" }).click();
  await b.page.getByRole("dialog").getByRole("button", { name: "End chat" }).click();
  await expect(b.page.getByTestId("conversation-status")).toHaveText("Ended");

  // The customer sees the end, and never saw the note.
  await expect(customer.getByTestId("chat-ended")).toBeVisible();
  await expect(customer.getByText(/This chat has ended\. Thank you/)).toBeVisible();
  await expect(customer.getByText("secret discount code XYZ")).toHaveCount(0);
  await expect(customer.getByText("Parcel 4711, please follow up")).toHaveCount(0);

  // Anna's History lists it, read-only.
  await a.page.goto("/history");
  const item = a.page.getByTestId("history-item").filter({ hasText: "Rita Customer" });
  await expect(item).toBeVisible();
  await item.click();
  await expect(a.page.getByText("This conversation has ended. It is read-only.")).toBeVisible();
});

test("two clients of the same agent stay in sync: pick, message, unread count, end", async ({ browser }) => {
  const center = await createCenter({ agents: 1 });
  const agent = center.agents[0]!;
  const first = await agentPage(browser, agent.email);
  const second = await agentPage(browser, agent.email);
  await first.page.goto("/picklist");
  await second.page.goto("/conversations");

  const customer = await customerPage(browser, center.entry, "Sam Sync");
  await send(customer, "First question");
  await first.page.getByRole("button", { name: "Pick conversation with Sam Sync" }).click();

  // The pick shows in the other client, with the unread message counted.
  const item = second.page.getByTestId("conversation-item").filter({ hasText: "Sam Sync" });
  await expect(item).toBeVisible({ timeout: 1000 });

  // First client reads it (it is open there): the badge clears in the second client too.
  await expect(item.getByTestId("unread-badge")).toHaveCount(0);
  await send(customer, "Second question");
  await expect(first.page.getByText("Second question")).toBeVisible();
  await expect(item.getByTestId("unread-badge")).toHaveCount(0);

  // A reply from the first client appears in the second client's view.
  await item.click();
  await send(first.page, "Answer from client one");
  await expect(second.page.getByText("Answer from client one")).toBeVisible({ timeout: 1000 });

  // Ending in the second client ends it in the first.
  await second.page.getByRole("button", { name: "End chat" }).click();
  await second.page.getByRole("dialog").getByRole("button", { name: "End chat" }).click();
  await expect(first.page.getByTestId("conversation-status")).toHaveText("Ended", { timeout: 1000 });
  await expect(second.page.getByTestId("conversation-item").filter({ hasText: "Sam Sync" })).toHaveCount(0);
});

test("a customer's reload resumes the same chat", async ({ browser }) => {
  const center = await createCenter({ agents: 1 });
  const customer = await customerPage(browser, center.entry, "Reload Rosa");
  await send(customer, "Before reload");
  // Stored (acknowledged), not only shown as sending: a reload in between would rightly lose it.
  await expect(customer.getByTestId("customer-message").filter({ hasText: "Before reload" })).toBeVisible();
  await customer.reload();
  await expect(customer.getByText("Before reload")).toBeVisible();
  await send(customer, "After reload");
  await expect(customer.getByTestId("customer-message").filter({ hasText: /reload/ })).toHaveCount(2);
});

test("an agent's reply moves its conversation to the top of their own list, sorted by last message", async ({ browser }) => {
  const center = await createCenter({ agents: 1 });
  const { page } = await agentPage(browser, center.agents[0]!.email);
  const olga = await customerPage(browser, center.entry, "Olga Older");
  await send(olga, "I wrote first");
  const nina = await customerPage(browser, center.entry, "Nina Newer");
  await send(nina, "I wrote second");
  await page.goto("/picklist");
  for (const name of ["Olga Older", "Nina Newer"]) {
    await page.getByRole("button", { name: `Pick conversation with ${name}` }).click();
    await expect(page.getByTestId("conversation-title")).toHaveText(name);
    await page.goto("/picklist");
  }
  await page.goto("/conversations");
  const items = page.getByTestId("conversation-item");
  await expect(items).toHaveCount(2);
  await expect(items.first()).toContainText("Nina Newer");

  await items.filter({ hasText: "Olga Older" }).click();
  await send(page, "Here is your answer, Olga");
  await expect(page.getByTestId("message").filter({ hasText: "Here is your answer, Olga" })).toBeVisible();
  // The same tab sent it: its list hears of the reply without a reload.
  await expect(items.first()).toContainText("Olga Older");
  await expect(olga.getByText("Here is your answer, Olga")).toBeVisible();
});

test("an agent in another time zone reads times in their own, on a page the server rendered", async ({ browser }) => {
  const center = await createCenter({ agents: 1 });
  const timezoneId = "Asia/Kolkata"; // UTC+5:30: never the server's wall clock
  const { page } = await agentPage(browser, center.agents[0]!.email, { timezoneId });
  const customer = await customerPage(browser, center.entry, "Tara Timezone");
  await send(customer, "What time is it there?");
  await page.goto("/picklist");
  await page.getByRole("button", { name: "Pick conversation with Tara Timezone" }).click();
  await expect(page.getByTestId("conversation-title")).toHaveText("Tara Timezone");

  // A fresh load: the messages come with the server's HTML, and the page hydrates without an error (the fixture
  // fails the test on any uncaught page error, such as React's #418 for a text that differs from the server's).
  await page.reload();
  const time = page.getByTestId("message").filter({ hasText: "What time is it there?" }).locator("time");
  const iso = await time.getAttribute("datetime");
  const local = new Intl.DateTimeFormat("en-GB", { timeZone: timezoneId, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(iso!));
  await expect(time).toHaveText(local);
});
