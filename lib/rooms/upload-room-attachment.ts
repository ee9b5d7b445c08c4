import type { Principal } from "../auth/principal";
import type { AttachmentDto } from "../files/attachment-dto";
import { uploadAttachment, type UploadAttachmentOptions } from "../files/upload-attachment";
import { requireRoomMember } from "./access";

/** A member attaches a file in a widget conversation; the company's file policy (and SMS's size limit) applies. */
export async function uploadRoomAttachment(options: { principal: Principal; roomId: string } & Pick<UploadAttachmentOptions, "fileName" | "declaredType" | "declaredSize" | "body">): Promise<AttachmentDto> {
  const { principal, roomId, ...file } = options;
  const { room } = await requireRoomMember(principal, roomId);
  return uploadAttachment({ ...file, room, uploaderUserId: principal.userId });
}
