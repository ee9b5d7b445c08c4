import { randomUUID } from "node:crypto";
import sharp from "sharp";
import { expect, test } from "./test";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { agentPage, createCenter, customerPage, E2E_PASSWORD, send } from "./fixtures";

const png = (background: string) => sharp({ create: { width: 200, height: 120, channels: 3, background } }).png().toBuffer();

/** A Windows executable header: what the file is, whatever its name says. */
function exe(): Buffer {
  const bytes = Buffer.alloc(512);
  bytes.write("MZ", 0, "latin1");
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write("PE\0\0", 0x80, "latin1");
  return bytes;
}

test("an agent attaches an image, removes it, attaches another and sends; the customer sees the preview and is told why their file is refused", async ({ browser }) => {
  const center = await createCenter({ agents: 1 });
  const agent = await agentPage(browser, center.agents[0]!.email);
  await agent.page.goto("/picklist");
  await expect(agent.page.getByTestId("presence")).toHaveText("Online");

  const customer = await customerPage(browser, center.entry, "Pia Photo");
  await send(customer, "My parcel arrived broken");
  await agent.page.getByRole("button", { name: "Pick conversation with Pia Photo" }).click();
  await expect(agent.page).toHaveURL(/\/conversations\/.+/);

  // The limits are visible before a file is picked.
  await expect(agent.page.getByTestId("file-policy-hint")).toHaveText("Allowed: GIF, HEIC, JPEG, JPG, PNG · up to 10 MB");

  const input = agent.page.getByTestId("attach-input");
  await input.setInputFiles({ name: "wrong-one.png", mimeType: "image/png", buffer: await png("#dc2626") });
  const first = agent.page.getByTestId("attachment-chip").filter({ hasText: "wrong-one.png" });
  await expect(first.getByTestId("attachment-state")).toHaveText("Ready");
  await agent.page.getByRole("button", { name: "Remove wrong-one.png" }).click();
  await expect(first).toHaveCount(0);

  await input.setInputFiles({ name: "label-photo.png", mimeType: "image/png", buffer: await png("#2563eb") });
  await expect(agent.page.getByTestId("attachment-chip").filter({ hasText: "label-photo.png" }).getByTestId("attachment-state")).toHaveText("Ready");
  await agent.page.getByRole("textbox", { name: "Message", exact: true }).fill("Is this the label?");
  await agent.page.getByRole("button", { name: "Send" }).click();
  await expect(agent.page.getByTestId("attachment-chip")).toHaveCount(0);
  await expect(agent.page.getByRole("img", { name: "label-photo.png" })).toBeVisible();

  // The customer sees the preview, loaded through their own authorized file route.
  const preview = customer.getByRole("img", { name: "label-photo.png" });
  await expect(preview).toBeVisible();
  await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  await expect(customer.getByText("Is this the label?")).toBeVisible();
  await expect(customer.getByRole("img", { name: "wrong-one.png" })).toHaveCount(0);

  // A program named like a photo is refused with the reason; it cannot be sent.
  await customer.getByTestId("attach-input").setInputFiles({ name: "receipt.png", mimeType: "image/png", buffer: exe() });
  const refused = customer.getByTestId("attachment-chip").filter({ hasText: "receipt.png" });
  await expect(refused.getByTestId("attachment-reason")).toHaveText("Allowed: GIF, HEIC, JPEG, JPG, PNG. This file is a Windows executable (exe).");
  await customer.getByRole("textbox", { name: "Message", exact: true }).fill("here it is");
  await expect(customer.getByRole("button", { name: "Send" })).toBeDisabled();
  await customer.getByRole("button", { name: "Remove receipt.png" }).click();
  await expect(customer.getByRole("button", { name: "Send" })).toBeEnabled();
});

test("an admin removes GIF from the allowed types; the composer shows the new policy without a restart", async ({ browser }) => {
  const center = await createCenter({ agents: 1 });
  const agentRow = await db.user.findUniqueOrThrow({ where: { id: center.agents[0]!.id }, select: { companyId: true } });
  const admin = await db.user.create({
    data: { companyId: agentRow.companyId, email: `admin-${randomUUID().slice(0, 8)}@e2e.test`, name: "Ada Admin", role: "ADMIN", passwordHash: await hashPassword(E2E_PASSWORD) },
  });
  const page = (await agentPage(browser, admin.email)).page;
  await page.goto("/configuration");
  await page.getByRole("link", { name: "Files" }).click();
  await expect(page.getByRole("heading", { name: "Files" })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "GIF" })).toBeChecked();
  await page.getByRole("checkbox", { name: "GIF" }).uncheck();
  await page.getByLabel("Maximum size (MB)").fill("5");
  await page.getByRole("checkbox", { name: "Allow external file sharing" }).check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved. The next file uses these settings.")).toBeVisible();

  const customer = await customerPage(browser, center.entry, "Gil Gif");
  await send(customer, "hello");
  await customer.reload();
  await expect(customer.getByTestId("file-policy-hint")).toHaveText("Allowed: HEIC, JPEG, JPG, PNG · up to 5 MB");
  expect(await db.company.findUniqueOrThrow({ where: { id: agentRow.companyId }, select: { externalFileSharing: true } })).toEqual({ externalFileSharing: true });
});
