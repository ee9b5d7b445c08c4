/**
 * Downloads and previews. Who may fetch: an agent who may see the
 * conversation, the web-chat customer of that conversation (only files on
 * messages, or their own uploads), or a provider with a valid signed link.
 * Anything else, and any file not accepted by the validation worker, is 404.
 * Headers make sure a file is never run as a page: the detected type, nosniff,
 * a sandboxing CSP, and inline display only for images (not SVG) and video.
 */
import { Readable } from "node:stream";
import type { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import { notFound } from "../errors";
import type { Principal } from "../auth/principal";
import { findVisibleConversation } from "../conversations/access";
import { requireRoomMember } from "../rooms/access";
import type { CustomerClaims } from "../webchat/customer-token";
import { canShareFilesBetween } from "./can-share-files";
import { THUMBNAIL_MIME } from "./make-thumbnail";
import { verifyFileLink } from "./sign-file-link";
import { fileStorage } from "./storage";

export type FileVariant = "original" | "thumbnail";

const servedSelect = {
  id: true, status: true, fileName: true, detectedType: true, sizeBytes: true, storageKey: true, thumbnailKey: true,
  messageId: true, uploaderUserId: true, conversationId: true, roomId: true, roomMessageId: true,
  conversation: { select: { companyId: true, contactId: true, channelAddressId: true } },
} as const;
type ServedRow = Prisma.AttachmentGetPayload<{ select: typeof servedSelect }>;

const FILE_NOT_FOUND = "That file does not exist or is not available to you.";

async function acceptedAttachment(attachmentId: string): Promise<ServedRow> {
  const row = await db.attachment.findUnique({ where: { id: attachmentId }, select: servedSelect });
  if (!row || row.status !== "ACCEPTED" || !row.detectedType) throw notFound(FILE_NOT_FOUND);
  return row;
}

export async function serveFileToAgent(options: { principal: Principal; attachmentId: string; variant: FileVariant }): Promise<Response> {
  const row = await acceptedAttachment(options.attachmentId).catch(() => null);
  if (!row) throw notFound(FILE_NOT_FOUND);
  if (row.roomId) return serveRoomFile(options.principal, { ...row, roomId: row.roomId }, options.variant);
  if (!row.conversationId || !row.conversation) throw notFound(FILE_NOT_FOUND);
  await findVisibleConversation(options.principal, row.conversationId, { id: true }).catch(() => {
    throw notFound(FILE_NOT_FOUND);
  });
  // Files cross companies only when both allow external file sharing.
  if (!(await canShareFilesBetween(row.conversation.companyId, options.principal.companyId))) throw notFound(FILE_NOT_FOUND);
  return fileResponse(row, options.variant);
}

export async function serveFileToCustomer(options: { claims: CustomerClaims; attachmentId: string; variant: FileVariant }): Promise<Response> {
  const row = await acceptedAttachment(options.attachmentId);
  const { conversation } = row;
  if (!conversation) throw notFound(FILE_NOT_FOUND);
  const theirs = conversation.contactId === options.claims.contactId && conversation.channelAddressId === options.claims.addressId;
  // An agent's upload reaches the customer only once it is sent on a message.
  if (!theirs || (!row.messageId && row.uploaderUserId)) throw notFound(FILE_NOT_FOUND);
  return fileResponse(row, options.variant);
}

export async function serveFileBySignedLink(options: { attachmentId: string; expires: string | null; signature: string | null }): Promise<Response> {
  if (!verifyFileLink(options)) throw notFound(FILE_NOT_FOUND);
  const row = await acceptedAttachment(options.attachmentId);
  if (!row.messageId && !row.roomMessageId) throw notFound(FILE_NOT_FOUND);
  return fileResponse(row, "original");
}

/** Widget files: members of the room see files sent on its messages; before sending, only the uploader sees theirs. */
async function serveRoomFile(principal: Principal, row: ServedRow & { roomId: string }, variant: FileVariant): Promise<Response> {
  await requireRoomMember(principal, row.roomId).catch(() => {
    throw notFound(FILE_NOT_FOUND);
  });
  if (!row.roomMessageId && row.uploaderUserId !== principal.userId) throw notFound(FILE_NOT_FOUND);
  return fileResponse(row, variant);
}

function isInline(mime: string): boolean {
  return (mime.startsWith("image/") && !mime.includes("svg")) || mime.startsWith("video/");
}

function fileResponse(row: ServedRow, variant: FileVariant): Response {
  const thumbnail = variant === "thumbnail" && row.thumbnailKey;
  const mime = thumbnail ? THUMBNAIL_MIME : row.detectedType!;
  const headers = new Headers({
    "Content-Type": mime,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cache-Control": "private, max-age=3600",
    "Content-Disposition": isInline(mime) ? "inline" : `attachment; filename*=UTF-8''${encodeURIComponent(row.fileName)}`,
  });
  if (!thumbnail) headers.set("Content-Length", String(row.sizeBytes));
  const stream = fileStorage().read(thumbnail ? row.thumbnailKey! : row.storageKey);
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { status: 200, headers });
}
