/**
 * Receives one file: streams it to storage with the size cut-off (the
 * stricter of the company's policy and the channel's limit), records it as a
 * PENDING attachment of the conversation, and, after the commit, hands it to
 * the file-validation worker. Nothing is trusted from the sender but bytes.
 */
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { Channel, RoomKind } from "../generated/prisma/enums";
import { roomSendChannel } from "../rooms/dto";
import { db } from "../db";
import { AppError } from "../errors";
import { enqueue } from "../queue/jobs";
import { attachmentSelect, toAttachmentDto, type AttachmentDto } from "./attachment-dto";
import { effectiveLimitBytes, getFilePolicy } from "./file-policy";
import { fileStorage, tooLargeError } from "./storage";

export interface UploadAttachmentOptions {
  /** Where the file will be sent: a queue conversation ... */
  conversation?: { id: string; companyId: string; channel: Channel };
  /** ... or a widget conversation. */
  room?: { id: string; companyId: string; kind: RoomKind };
  /** The agent who uploads; null for the customer or a channel's inbound media. */
  uploaderUserId: string | null;
  fileName: string;
  declaredType: string | null;
  /** The Content-Length the sender announced, if any: refused before reading a byte when it is over the limit. */
  declaredSize: number | null;
  body: ReadableStream<Uint8Array> | Readable | null;
  /** Inbound media go straight onto their message. */
  messageId?: string;
}

export function cleanFileName(name: string): string {
  // Only the last path segment, without control characters; the name is shown, never used as a path.
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 200);
  return cleaned || "file";
}

export async function uploadAttachment(options: UploadAttachmentOptions): Promise<AttachmentDto> {
  const { conversation, room } = options;
  const scope = room ? { id: room.id, companyId: room.companyId, channel: roomSendChannel(room.kind) } : conversation;
  if (!scope) throw new Error("uploadAttachment needs a conversation or a room");
  if (!options.body) throw new AppError("BAD_REQUEST", "Send the file's bytes as the request body.");
  const policy = await getFilePolicy({ companyId: scope.companyId });
  const limit = effectiveLimitBytes(policy, scope.channel);
  if (options.declaredSize !== null && options.declaredSize > limit) throw tooLargeError(limit);

  const storageKey = `${scope.companyId}/${scope.id}/${randomUUID()}`;
  const stream = options.body instanceof Readable ? options.body : Readable.fromWeb(options.body as WebReadableStream<Uint8Array>);
  const { size } = await fileStorage().write(storageKey, stream, limit);
  if (size === 0) {
    await fileStorage().remove(storageKey);
    throw new AppError("VALIDATION", "This file is empty.");
  }
  let row;
  try {
    row = await db.attachment.create({
      data: {
        ...(room ? { roomId: room.id } : { conversationId: scope.id, messageId: options.messageId ?? null }),
        uploaderUserId: options.uploaderUserId,
        fileName: cleanFileName(options.fileName),
        declaredType: (options.declaredType ?? "application/octet-stream").slice(0, 200),
        sizeBytes: size,
        storageKey,
      },
      select: attachmentSelect,
    });
  } catch (error) {
    await fileStorage().remove(storageKey);
    throw error;
  }
  await enqueue("validateAttachment", { attachmentId: row.id }, { jobId: row.id });
  return toAttachmentDto(row);
}
