/**
 * Files in widget conversations: the company's file policy applies, only
 * accepted files are sent, only members fetch them, and before sending only
 * the uploader sees theirs.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { AttachmentDto } from "@/lib/files/attachment-dto";
import type { RoomMessageDto } from "@/lib/rooms/dto";
import { validateAttachment } from "@/lib/files/validate-attachment";
import { POST as roomsRoute } from "@/app/api/v1/rooms/route";
import { POST as uploadRoute } from "@/app/api/v1/rooms/[id]/attachments/route";
import { GET as listRoute, POST as sendRoute } from "@/app/api/v1/rooms/[id]/messages/route";
import { GET as fileRoute } from "@/app/api/files/[id]/route";
import { apiTokenFor, callRoute } from "../../support/http";
import { createCompany, createUser } from "../../support/factories";
import { exeBytes, fetchFile, gifBytes, pngBytes, uploadTo } from "../../support/files";

type Uploaded = { attachment: AttachmentDto };
type ErrorBody = { error: { code: string; message: string } };

async function chatRoom() {
  const company = await createCompany();
  const [a, b, outsider] = await Promise.all([createUser(company.id), createUser(company.id), createUser(company.id)]);
  const [aToken, bToken, outsiderToken] = await Promise.all([apiTokenFor(a.id), apiTokenFor(b.id), apiTokenFor(outsider.id)]);
  const started = await callRoute<{ roomId: string }>(roomsRoute, "POST", { token: aToken, body: { to: [{ type: "user", id: b.id }], clientMessageId: randomUUID(), body: "Sending you the screenshot" } });
  return { company, roomId: started.body.roomId, aToken, bToken, outsiderToken };
}

describe("files in widget conversations", () => {
  it("an accepted image is sent on a message; the other member fetches it, nobody else does", async () => {
    const chat = await chatRoom();
    const uploaded = await uploadTo<Uploaded>(uploadRoute, { token: chat.aToken, params: { id: chat.roomId }, name: "screen.png", bytes: await pngBytes() });
    expect(uploaded.status).toBe(201);
    const attachmentId = uploaded.body.attachment.id;
    // Before sending: the uploader only.
    expect((await fetchFile(fileRoute, { token: chat.bToken, params: { id: attachmentId } })).status).toBe(404);
    await validateAttachment({ attachmentId });
    expect((await fetchFile(fileRoute, { token: chat.aToken, params: { id: attachmentId } })).status).toBe(200);

    const sent = await callRoute<{ message: RoomMessageDto }>(sendRoute, "POST", { token: chat.aToken, params: { id: chat.roomId }, body: { clientMessageId: randomUUID(), attachmentIds: [attachmentId] } });
    expect(sent.status).toBe(201);
    expect(sent.body.message.attachments).toEqual([expect.objectContaining({ id: attachmentId, fileName: "screen.png", mimeType: "image/png", status: "ACCEPTED" })]);
    const seenByB = await callRoute<{ messages: RoomMessageDto[] }>(listRoute, "GET", { token: chat.bToken, params: { id: chat.roomId } });
    expect(seenByB.body.messages.at(-1)!.attachments.map((a) => a.id)).toEqual([attachmentId]);
    const file = await fetchFile(fileRoute, { token: chat.bToken, params: { id: attachmentId } });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/png");
    expect((await fetchFile(fileRoute, { token: chat.outsiderToken, params: { id: attachmentId } })).status).toBe(404);
  });

  it("the company's file policy applies: an executable named .png is refused with the reason, and so is a type the admin removed", async () => {
    const chat = await chatRoom();
    const exe = await uploadTo<Uploaded>(uploadRoute, { token: chat.aToken, params: { id: chat.roomId }, name: "photo.png", bytes: exeBytes() });
    const refused = await validateAttachment({ attachmentId: exe.body.attachment.id });
    expect(refused).toMatchObject({ status: "REJECTED", rejectionReason: "Allowed: GIF, HEIC, JPEG, JPG, PNG. This file is a Windows executable (exe)." });
    const send = await callRoute<ErrorBody>(sendRoute, "POST", { token: chat.aToken, params: { id: chat.roomId }, body: { clientMessageId: randomUUID(), body: "here", attachmentIds: [exe.body.attachment.id] } });
    expect(send.status).toBe(422);
    expect(send.body.error.message).toContain("was refused");
    expect(await db.roomMessage.count({ where: { roomId: chat.roomId } })).toBe(1);

    await db.filePolicy.update({ where: { companyId: chat.company.id }, data: { allowedTypes: ["png", "jpg", "jpeg"] } });
    const gif = await uploadTo<Uploaded>(uploadRoute, { token: chat.aToken, params: { id: chat.roomId }, name: "party.gif", bytes: await gifBytes() });
    expect(await validateAttachment({ attachmentId: gif.body.attachment.id })).toMatchObject({ status: "REJECTED" });
  });

  it("a pending file cannot be sent, a non-member cannot upload, and another member's upload cannot be sent", async () => {
    const chat = await chatRoom();
    const pending = await uploadTo<Uploaded>(uploadRoute, { token: chat.aToken, params: { id: chat.roomId }, name: "a.png", bytes: await pngBytes() });
    const early = await callRoute<ErrorBody>(sendRoute, "POST", { token: chat.aToken, params: { id: chat.roomId }, body: { clientMessageId: randomUUID(), attachmentIds: [pending.body.attachment.id] } });
    expect(early.status).toBe(422);
    expect(early.body.error.message).toContain("still being checked");

    await validateAttachment({ attachmentId: pending.body.attachment.id });
    const byB = await callRoute<ErrorBody>(sendRoute, "POST", { token: chat.bToken, params: { id: chat.roomId }, body: { clientMessageId: randomUUID(), attachmentIds: [pending.body.attachment.id] } });
    expect(byB.status).toBe(422);
    const outsider = await uploadTo<ErrorBody>(uploadRoute, { token: chat.outsiderToken, params: { id: chat.roomId }, name: "x.png", bytes: await pngBytes() });
    expect(outsider.status).toBe(404);
  });
});
