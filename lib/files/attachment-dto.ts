/**
 * The shape of an attachment that leaves the server. Agents fetch files
 * through /api/files/{id}; web-chat customers through their entry point's
 * route, which checks their token. Safe to import from client components.
 */
import type { AttachmentStatus } from "../generated/prisma/enums";

export interface AttachmentDto {
  id: string;
  fileName: string;
  /** The detected type once validated; the declared one before. */
  mimeType: string;
  sizeBytes: number;
  status: AttachmentStatus;
  /** Why the file was refused, for the sender. */
  rejectionReason: string | null;
  url: string;
  thumbnailUrl: string | null;
}

export const attachmentSelect = {
  id: true,
  fileName: true,
  declaredType: true,
  detectedType: true,
  sizeBytes: true,
  status: true,
  rejectionReason: true,
  thumbnailKey: true,
} as const;

export interface AttachmentRow {
  id: string;
  fileName: string;
  declaredType: string;
  detectedType: string | null;
  sizeBytes: number;
  status: AttachmentStatus;
  rejectionReason: string | null;
  thumbnailKey: string | null;
}

function toDto(row: AttachmentRow, base: string): AttachmentDto {
  const url = `${base}/${row.id}`;
  return {
    id: row.id,
    fileName: row.fileName,
    mimeType: row.detectedType ?? row.declaredType,
    sizeBytes: row.sizeBytes,
    status: row.status,
    rejectionReason: row.rejectionReason,
    url,
    thumbnailUrl: row.thumbnailKey ? `${url}?variant=thumbnail` : null,
  };
}

export function toAttachmentDto(row: AttachmentRow): AttachmentDto {
  return toDto(row, "/api/files");
}

/** The same attachment as the web-chat customer at that entry point fetches it. */
export function toCustomerAttachment(attachment: AttachmentDto, entry: string): AttachmentDto {
  const url = `/api/webchat/${encodeURIComponent(entry)}/files/${attachment.id}`;
  return { ...attachment, url, thumbnailUrl: attachment.thumbnailUrl ? `${url}?variant=thumbnail` : null };
}

export function customerAttachmentFromRow(row: AttachmentRow, entry: string): AttachmentDto {
  return toCustomerAttachment(toAttachmentDto(row), entry);
}
