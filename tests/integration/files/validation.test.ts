import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { AttachmentDto } from "@/lib/conversations/dto";
import { validateAttachment } from "@/lib/files/validate-attachment";
import { POST as uploadRoute } from "@/app/api/v1/conversations/[id]/attachments/route";
import { PUT as policyRoute } from "@/app/api/v1/files/policy/route";
import { createWorkers } from "@/workers/create-workers";
import { contactCenter } from "../../support/conversations";
import { createUser } from "../../support/factories";
import { apiTokenFor, callRoute } from "../../support/http";
import { pickedConversation } from "../../support/scenarios";
import { exeBytes, gifBytes, heicBytes, pngBytes, uploadTo } from "../../support/files";

type Uploaded = { attachment: AttachmentDto };

async function agentWithChat() {
  const center = await contactCenter({ agents: 1 });
  const { conversationId } = await pickedConversation(center, 0);
  return { center, conversationId, token: await apiTokenFor(center.agents[0]!.id) };
}

/** Uploads through the route, then runs the validation worker's logic on it. */
async function uploadAndValidate(chat: { conversationId: string; token: string }, name: string, bytes: Buffer) {
  const uploaded = await uploadTo<Uploaded>(uploadRoute, { token: chat.token, params: { id: chat.conversationId }, name, bytes });
  expect(uploaded.status).toBe(201);
  expect(uploaded.body.attachment.status).toBe("PENDING");
  await validateAttachment({ attachmentId: uploaded.body.attachment.id });
  return db.attachment.findUniqueOrThrow({ where: { id: uploaded.body.attachment.id } });
}

describe("file validation by content", () => {
  it("a real PNG named photo.exe passes: the content decides", async () => {
    const chat = await agentWithChat();
    const row = await uploadAndValidate(chat, "photo.exe", await pngBytes());
    expect(row).toMatchObject({ status: "ACCEPTED", detectedType: "image/png", detectedExt: "png", fileName: "photo.exe", rejectionReason: null });
    expect(row.thumbnailKey).toBeTruthy();
  });

  it("an executable named photo.png is refused, naming what is allowed and what the file is", async () => {
    const chat = await agentWithChat();
    const row = await uploadAndValidate(chat, "photo.png", exeBytes());
    expect(row.status).toBe("REJECTED");
    expect(row.rejectionReason).toBe("Allowed: GIF, HEIC, JPEG, JPG, PNG. This file is a Windows executable (exe).");
    // A refused file's bytes are not kept.
    expect(existsSync(resolve(env.FILES_DIR, row.storageKey))).toBe(false);
  });

  it("a HEIC photo is accepted by the default policy", async () => {
    const chat = await agentWithChat();
    const row = await uploadAndValidate(chat, "IMG_0001.HEIC", heicBytes());
    expect(row).toMatchObject({ status: "ACCEPTED", detectedType: "image/heic", thumbnailKey: null });
  });

  it("a GIF is refused after the admin removes gif from the policy", async () => {
    const chat = await agentWithChat();
    const admin = await createUser(chat.center.company.id, { role: "ADMIN" });
    const saved = await callRoute(policyRoute, "PUT", {
      token: await apiTokenFor(admin.id),
      body: { allowedTypes: ["heic", "jpeg", "jpg", "png"], maxSizeBytes: 10 * 1024 * 1024, externalCommunication: false, externalFileSharing: false },
    });
    expect(saved.status).toBe(200);
    const row = await uploadAndValidate(chat, "funny.gif", await gifBytes());
    expect(row.status).toBe("REJECTED");
    expect(row.rejectionReason).toBe("Allowed: HEIC, JPEG, JPG, PNG. This file is a GIF image (gif).");
  });

  it("only admins change the policy", async () => {
    const chat = await agentWithChat();
    const answer = await callRoute(policyRoute, "PUT", { token: chat.token, body: { allowedTypes: ["exe"], maxSizeBytes: 1024, externalCommunication: true, externalFileSharing: true } });
    expect(answer.status).toBe(403);
  });

  it.each([
    ["announced with Content-Length", false],
    ["streamed without a length", true],
  ])("a file one byte over the limit is refused and not stored (%s)", async (_label, chunked) => {
    const chat = await agentWithChat();
    await db.filePolicy.update({ where: { companyId: chat.center.company.id }, data: { maxSizeBytes: 4096 } });
    const bytes = Buffer.concat([await pngBytes(), Buffer.alloc(8192)]).subarray(0, 4097);
    const answer = await uploadTo<{ error: { code: string; message: string } }>(uploadRoute, { token: chat.token, params: { id: chat.conversationId }, name: "big.png", bytes, chunked });
    expect(answer.status).toBe(422);
    expect(answer.body.error.message).toContain("larger than the limit of 4 KB");
    expect(await db.attachment.count({ where: { conversationId: chat.conversationId } })).toBe(0);
    const dir = join(resolve(env.FILES_DIR), chat.center.company.id, chat.conversationId);
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);

    const exact = await uploadTo<Uploaded>(uploadRoute, { token: chat.token, params: { id: chat.conversationId }, name: "ok.png", bytes: bytes.subarray(0, 4096), chunked });
    expect(exact.status).toBe(201);
  });

  it("the file-validation worker decides uploaded files on its own", async () => {
    const chat = await agentWithChat();
    const workers = createWorkers(["file-validation"], false);
    try {
      const uploaded = await uploadTo<Uploaded>(uploadRoute, { token: chat.token, params: { id: chat.conversationId }, name: "x.png", bytes: await pngBytes() });
      await expect
        .poll(async () => (await db.attachment.findUniqueOrThrow({ where: { id: uploaded.body.attachment.id } })).status, { timeout: 10_000 })
        .toBe("ACCEPTED");
    } finally {
      await Promise.all(workers.map((w) => w.close()));
    }
  });
});
