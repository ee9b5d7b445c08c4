/** Live events of widget conversations: only the members still in a room hear them. */
import { publishAgentEvent } from "../realtime/bus";
import { enqueue } from "../queue/jobs";
import { activeMemberIds } from "./access";
import type { AppendedRoomMessage } from "./append-room-message";
import type { RoomMessageDto } from "./dto";

/** Tells the members about a new message and queues its SMS (job id = delivery id, so each is queued once). */
export async function announceRoomMessage(appended: AppendedRoomMessage): Promise<void> {
  if (!appended.created) return;
  publishAgentEvent("room:message", { userIds: await activeMemberIds(appended.message.roomId), message: appended.message });
  for (const deliveryId of appended.deliveryIds) await enqueue("roomSmsSend", { deliveryId }, { jobId: deliveryId });
}

export async function publishRoomMessageUpdate(message: RoomMessageDto): Promise<void> {
  publishAgentEvent("room:message-updated", { userIds: await activeMemberIds(message.roomId), message });
}

export function publishRoomChanged(roomId: string, userIds: string[]): void {
  if (userIds.length) publishAgentEvent("room:changed", { userIds, roomId });
}
