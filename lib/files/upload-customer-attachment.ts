import { db } from "../db";
import { AppError } from "../errors";
import type { CustomerClaims } from "../webchat/customer-token";
import { toCustomerAttachment, type AttachmentDto } from "./attachment-dto";
import { uploadAttachment, type UploadAttachmentOptions } from "./upload-attachment";

/**
 * A web-chat customer attaches a file to their open conversation. Files
 * belong to a conversation, so the first message of a chat is text.
 */
export async function uploadCustomerAttachment(options: { claims: CustomerClaims; entry: string } & Pick<UploadAttachmentOptions, "fileName" | "declaredType" | "declaredSize" | "body">): Promise<AttachmentDto> {
  const { claims, entry, ...file } = options;
  const conversation = await db.conversation.findFirst({
    where: { contactId: claims.contactId, channelAddressId: claims.addressId, status: { not: "ENDED" } },
    orderBy: { arrivedAt: "desc" },
    select: { id: true, companyId: true, channel: true },
  });
  if (!conversation) throw new AppError("CONFLICT", "Write a message first; then you can attach files.");
  const attachment = await uploadAttachment({ ...file, conversation, uploaderUserId: null });
  return toCustomerAttachment(attachment, entry);
}
