/**
 * The file-validation worker's decision for one upload: the type found in
 * the bytes must be one the company allows, and the size within the limit.
 * A refusal names what is allowed and what the file really is. Idempotent:
 * only a PENDING attachment is decided, once.
 */
import { db } from "../db";
import { roomSendChannel } from "../rooms/dto";
import type { Channel, RoomKind } from "../generated/prisma/enums";
import { attachmentSelect, type AttachmentRow } from "./attachment-dto";
import { describeFileType, allowedTypesLabel, normalizeExt } from "./file-types";
import { effectiveLimitBytes, getFilePolicy } from "./file-policy";
import { detectFileType, type DetectedType } from "./detect-file-type";
import { makeThumbnail } from "./make-thumbnail";
import { fileStorage, formatBytes } from "./storage";
import { publishAttachmentUpdate } from "./publish-attachment-update";

export async function validateAttachment(options: { attachmentId: string }): Promise<AttachmentRow | null> {
  const attachment = await db.attachment.findUnique({
    where: { id: options.attachmentId },
    select: {
      id: true, status: true, storageKey: true, fileName: true, sizeBytes: true,
      conversation: { select: { companyId: true, channel: true } },
      room: { select: { companyId: true, kind: true } },
    },
  });
  if (!attachment || attachment.status !== "PENDING") return null;
  const scope = uploadScope(attachment);
  if (!scope) return null;
  const policy = await getFilePolicy({ companyId: scope.companyId });
  const limit = effectiveLimitBytes(policy, scope.channel);
  let detected: DetectedType | null;
  try {
    detected = await detectFileType({ storageKey: attachment.storageKey, fileName: attachment.fileName });
  } catch (error) {
    // A concurrent run may have decided (and removed a refused file) meanwhile: then there is nothing left to do.
    const now = await db.attachment.findUnique({ where: { id: attachment.id }, select: { status: true } });
    if (now?.status !== "PENDING") return null;
    throw error;
  }
  const reason = refusalReason({ detected, allowedTypes: policy.allowedTypes, sizeBytes: attachment.sizeBytes, limit });
  const thumbnailKey = !reason && detected ? await makeThumbnail({ storageKey: attachment.storageKey, ext: normalizeExt(detected.ext) }) : null;

  const { count } = await db.attachment.updateMany({
    where: { id: attachment.id, status: "PENDING" },
    data: {
      status: reason ? "REJECTED" : "ACCEPTED",
      rejectionReason: reason,
      detectedType: detected?.mime ?? null,
      detectedExt: detected?.ext ?? null,
      thumbnailKey,
    },
  });
  if (count === 0) {
    // Another run decided first; its thumbnail is the one kept.
    if (thumbnailKey) await fileStorage().remove(thumbnailKey);
    return null;
  }
  // A refused file is never served, so its bytes are not kept.
  if (reason) await fileStorage().remove(attachment.storageKey);
  const row = await db.attachment.findUniqueOrThrow({ where: { id: attachment.id }, select: attachmentSelect });
  await publishAttachmentUpdate({ attachmentId: attachment.id });
  return row;
}

/** The company whose policy applies and the channel whose limit applies: a queue conversation's, or a widget conversation's (SMS rooms send by SMS). */
function uploadScope(attachment: { conversation: { companyId: string; channel: Channel } | null; room: { companyId: string; kind: RoomKind } | null }): { companyId: string; channel: Channel } | null {
  if (attachment.conversation) return attachment.conversation;
  if (attachment.room) return { companyId: attachment.room.companyId, channel: roomSendChannel(attachment.room.kind) };
  return null;
}

export function refusalReason(options: { detected: DetectedType | null; allowedTypes: string[]; sizeBytes: number; limit: number }): string | null {
  const allowed = new Set(options.allowedTypes.map(normalizeExt));
  const allowedText = options.allowedTypes.length ? `Allowed: ${allowedTypesLabel(options.allowedTypes)}.` : "No file types are allowed.";
  if (!options.detected) return `${allowedText} This file's content is not a recognised file type.`;
  const ext = normalizeExt(options.detected.ext);
  if (!allowed.has(ext)) return `${allowedText} This file is ${describeFileType(options.detected.ext)}.`;
  if (options.sizeBytes > options.limit) return `This file is ${formatBytes(options.sizeBytes)}; the limit is ${formatBytes(options.limit)}.`;
  return null;
}
