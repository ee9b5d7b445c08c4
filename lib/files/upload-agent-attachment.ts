import type { Principal } from "../auth/principal";
import { requireAssignedToMe } from "../conversations/require-assignee";
import type { AttachmentDto } from "./attachment-dto";
import { uploadAttachment, type UploadAttachmentOptions } from "./upload-attachment";

/** An agent attaches a file to a conversation they have picked (like replying, only the assignee may). */
export async function uploadAgentAttachment(options: { principal: Principal; conversationId: string } & Pick<UploadAttachmentOptions, "fileName" | "declaredType" | "declaredSize" | "body">): Promise<AttachmentDto> {
  const { principal, conversationId, ...file } = options;
  const conversation = await requireAssignedToMe(principal, conversationId);
  return uploadAttachment({ ...file, conversation, uploaderUserId: principal.userId });
}
