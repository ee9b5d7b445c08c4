import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { AttachmentDto, CustomerMessageDto, MessageDto } from "@/lib/conversations/dto";
import { validateAttachment } from "@/lib/files/validate-attachment";
import { issueCustomerToken } from "@/lib/webchat/customer-token";
import { POST as uploadRoute } from "@/app/api/v1/conversations/[id]/attachments/route";
import { POST as sendRoute } from "@/app/api/v1/conversations/[id]/messages/route";
import { GET as agentFileRoute } from "@/app/api/files/[id]/route";
import { GET as customerFileRoute } from "@/app/api/webchat/[entry]/files/[id]/route";
import { POST as customerUploadRoute } from "@/app/api/webchat/[entry]/attachments/route";
import { POST as customerSendRoute } from "@/app/api/webchat/[entry]/messages/route";
import { GET as chatRoute } from "@/app/api/webchat/[entry]/chat/route";
import { contactCenter } from "../../support/conversations";
import { apiTokenFor, callRoute } from "../../support/http";
import { pickedConversation } from "../../support/scenarios";
import { exeBytes, fetchFile, pngBytes, uploadTo } from "../../support/files";

type Uploaded = { attachment: AttachmentDto };
type ErrorBody = { error: { code: string; message: string } };

async function chatWithAcceptedImage() {
  const center = await contactCenter({ agents: 1 });
  const { conversationId, contactId } = await pickedConversation(center, 0);
  const token = await apiTokenFor(center.agents[0]!.id);
  const png = await pngBytes();
  const uploaded = await uploadTo<Uploaded>(uploadRoute, { token, params: { id: conversationId }, name: "receipt.png", bytes: png });
  await validateAttachment({ attachmentId: uploaded.body.attachment.id });
  const customerToken = issueCustomerToken({ contactId, addressId: center.address.id });
  return { center, conversationId, contactId, token, customerToken, png, attachmentId: uploaded.body.attachment.id, entry: center.address.address };
}

describe("sending files", () => {
  it("a message goes out only with accepted files; a refused one fails the send and nothing is stored", async () => {
    const chat = await chatWithAcceptedImage();
    const bad = await uploadTo<Uploaded>(uploadRoute, { token: chat.token, params: { id: chat.conversationId }, name: "photo.png", bytes: exeBytes() });
    await validateAttachment({ attachmentId: bad.body.attachment.id });
    const before = await db.conversation.findUniqueOrThrow({ where: { id: chat.conversationId }, select: { lastSeq: true } });

    const refused = await callRoute<ErrorBody>(sendRoute, "POST", { token: chat.token, params: { id: chat.conversationId }, body: { clientMessageId: randomUUID(), body: "Here", attachmentIds: [chat.attachmentId, bad.body.attachment.id] } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toContain("This file is a Windows executable (exe)");
    expect(await db.conversation.findUniqueOrThrow({ where: { id: chat.conversationId }, select: { lastSeq: true } })).toEqual(before);
    expect(await db.attachment.findUniqueOrThrow({ where: { id: chat.attachmentId } })).toMatchObject({ messageId: null });

    const sent = await callRoute<{ message: MessageDto }>(sendRoute, "POST", { token: chat.token, params: { id: chat.conversationId }, body: { clientMessageId: randomUUID(), body: "", attachmentIds: [chat.attachmentId] } });
    expect(sent.status).toBe(201);
    expect(sent.body.message.attachments).toEqual([expect.objectContaining({ id: chat.attachmentId, fileName: "receipt.png", mimeType: "image/png", status: "ACCEPTED", url: `/api/files/${chat.attachmentId}` })]);

    // The customer sees it, through their own entry point's file route.
    const state = await callRoute<{ messages: CustomerMessageDto[] }>(chatRoute, "GET", { token: chat.customerToken, params: { entry: chat.entry } });
    const withFile = state.body.messages.find((m) => m.id === sent.body.message.id)!;
    expect(withFile.attachments[0]).toMatchObject({ url: `/api/webchat/${chat.entry}/files/${chat.attachmentId}`, thumbnailUrl: `/api/webchat/${chat.entry}/files/${chat.attachmentId}?variant=thumbnail` });
    const thumb = await fetchFile(customerFileRoute, { params: { entry: chat.entry, id: chat.attachmentId }, query: { token: chat.customerToken, variant: "thumbnail" } });
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get("content-type")).toBe("image/webp");
  });

  it("a pending file cannot be sent yet", async () => {
    const center = await contactCenter({ agents: 1 });
    const { conversationId } = await pickedConversation(center, 0);
    const token = await apiTokenFor(center.agents[0]!.id);
    const pending = await uploadTo<Uploaded>(uploadRoute, { token, params: { id: conversationId }, name: "a.png", bytes: await pngBytes() });
    const answer = await callRoute<ErrorBody>(sendRoute, "POST", { token, params: { id: conversationId }, body: { clientMessageId: randomUUID(), body: "x", attachmentIds: [pending.body.attachment.id] } });
    expect(answer.status).toBe(422);
    expect(answer.body.error.message).toContain("still being checked");
  });

  it("a customer uploads a disallowed file and sees the reason; it cannot be sent", async () => {
    const chat = await chatWithAcceptedImage();
    const uploaded = await uploadTo<Uploaded>(customerUploadRoute, { token: chat.customerToken, params: { entry: chat.entry }, name: "setup.png", bytes: exeBytes() });
    expect(uploaded.status).toBe(201);
    await validateAttachment({ attachmentId: uploaded.body.attachment.id });
    const row = await db.attachment.findUniqueOrThrow({ where: { id: uploaded.body.attachment.id } });
    expect(row.rejectionReason).toBe("Allowed: GIF, HEIC, JPEG, JPG, PNG. This file is a Windows executable (exe).");
    const answer = await callRoute<ErrorBody>(customerSendRoute, "POST", { token: chat.customerToken, params: { entry: chat.entry }, body: { clientMessageId: randomUUID(), body: "", attachmentIds: [uploaded.body.attachment.id] } });
    expect(answer.status).toBe(422);
  });
});

describe("serving files", () => {
  it("serves the detected type with safe headers to an agent who may see the conversation", async () => {
    const chat = await chatWithAcceptedImage();
    const res = await fetchFile(agentFileRoute, { token: chat.token, params: { id: chat.attachmentId } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("content-disposition")).toBe("inline");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    expect(Buffer.from(await res.arrayBuffer()).equals(chat.png)).toBe(true);
  });

  it("an agent of another company gets no access to a file URL", async () => {
    const chat = await chatWithAcceptedImage();
    const other = await contactCenter({ agents: 1 });
    const res = await fetchFile(agentFileRoute, { token: await apiTokenFor(other.agents[0]!.id), params: { id: chat.attachmentId } });
    expect(res.status).toBe(404);
  });

  it("a customer cannot fetch another conversation's file", async () => {
    const chat = await chatWithAcceptedImage();
    await callRoute(sendRoute, "POST", { token: chat.token, params: { id: chat.conversationId }, body: { clientMessageId: randomUUID(), body: "", attachmentIds: [chat.attachmentId] } });
    const own = await fetchFile(customerFileRoute, { token: chat.customerToken, params: { entry: chat.entry, id: chat.attachmentId } });
    expect(own.status).toBe(200);

    const stranger = await db.contact.create({ data: { companyId: chat.center.company.id, name: "Someone else" } });
    const strangerToken = issueCustomerToken({ contactId: stranger.id, addressId: chat.center.address.id });
    const res = await fetchFile(customerFileRoute, { token: strangerToken, params: { entry: chat.entry, id: chat.attachmentId } });
    expect(res.status).toBe(404);
  });

  it("a customer does not see an agent's file before it is sent", async () => {
    const chat = await chatWithAcceptedImage();
    const res = await fetchFile(customerFileRoute, { token: chat.customerToken, params: { entry: chat.entry, id: chat.attachmentId } });
    expect(res.status).toBe(404);
  });
});
