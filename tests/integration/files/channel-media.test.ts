import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { storeInboundMedia } from "@/lib/files/store-inbound-media";
import { signFileLink } from "@/lib/files/sign-file-link";
import { validateAttachment } from "@/lib/files/validate-attachment";
import { readMessagePage } from "@/lib/messages/list-messages";
import { GET as publicFileRoute } from "@/app/api/files/[id]/public/route";
import { POST as uploadRoute } from "@/app/api/v1/conversations/[id]/attachments/route";
import { POST as sendRoute } from "@/app/api/v1/conversations/[id]/messages/route";
import type { AttachmentDto } from "@/lib/conversations/dto";
import { contactCenter, customerWrites } from "../../support/conversations";
import { apiTokenFor, callRoute } from "../../support/http";
import { pickedConversation } from "../../support/scenarios";
import { exeBytes, fetchFile, pngBytes, uploadTo } from "../../support/files";
import { localServerForSuite } from "../../support/local-server";

const served = new Map<string, Buffer>();

const media = localServerForSuite((req, res) => {
  const bytes = served.get(req.url ?? "");
  if (!bytes) return void res.writeHead(404).end();
  res.writeHead(200, { "content-type": "image/png", "content-length": bytes.length }).end(bytes);
});

const providerConfig = (companyId: string) => ({ addressId: "x", companyId, address: "+15550000000", baseUrl: "http://provider.invalid", account: "AC1", secret: "s", webhookSecret: null, verifyToken: null, apiVersion: null, queueId: null });

describe("inbound media", () => {
  it("is fetched into storage on the inbound message and shown once the worker accepts it; a disguised program is refused", async () => {
    const center = await contactCenter({ agents: 1 });
    const { conversationId, message } = await customerWrites(center.company.id, center.address.id, "photo attached");
    served.set("/media/photo.png", await pngBytes());
    served.set("/media/evil.png", exeBytes());
    const conversation = await db.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: { id: true, companyId: true, channel: true } });

    const stored = await storeInboundMedia({
      conversation, messageId: message.id, config: providerConfig(center.company.id),
      media: [{ url: `${media.url()}/media/photo.png`, contentType: "image/png" }, { url: `${media.url()}/media/evil.png`, contentType: "image/png" }, { url: `${media.url()}/missing`, contentType: "image/png" }],
    });
    expect(stored).toBe(2);
    const rows = await db.attachment.findMany({ where: { messageId: message.id } });
    for (const row of rows) await validateAttachment({ attachmentId: row.id });

    const page = await readMessagePage(conversationId, 1, { limit: 10 });
    const attachments = page.messages.find((m) => m.id === message.id)!.attachments;
    expect(attachments.map((a) => [a.fileName, a.status])).toEqual([["photo.png", "ACCEPTED"], ["evil.png", "REJECTED"]]);
    expect(attachments[1]!.rejectionReason).toContain("Windows executable");
  });
});

describe("signed links for providers", () => {
  it("serve a sent file while valid; a wrong or expired signature, or an unsent file, is 404", async () => {
    const center = await contactCenter({ agents: 1 });
    const { conversationId } = await pickedConversation(center, 0);
    const token = await apiTokenFor(center.agents[0]!.id);
    const uploaded = await uploadTo<{ attachment: AttachmentDto }>(uploadRoute, { token, params: { id: conversationId }, name: "a.png", bytes: await pngBytes() });
    const id = uploaded.body.attachment.id;
    await validateAttachment({ attachmentId: id });
    const query = (link: string) => Object.fromEntries(new URL(link).searchParams);

    const link = signFileLink({ attachmentId: id });
    expect((await fetchFile(publicFileRoute, { params: { id }, query: query(link) })).status).toBe(404);

    await callRoute(sendRoute, "POST", { token, params: { id: conversationId }, body: { clientMessageId: randomUUID(), body: "", attachmentIds: [id] } });
    const ok = await fetchFile(publicFileRoute, { params: { id }, query: query(link) });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("image/png");

    expect((await fetchFile(publicFileRoute, { params: { id }, query: { ...query(link), signature: "x" + query(link).signature!.slice(1) } })).status).toBe(404);
    const expired = signFileLink({ attachmentId: id, now: Date.now() - 48 * 60 * 60 * 1000 });
    expect((await fetchFile(publicFileRoute, { params: { id }, query: query(expired) })).status).toBe(404);
  });
});
