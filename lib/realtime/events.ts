/**
 * Every realtime event, with its payload type: the one list shared by the
 * server (publishers, socket handlers) and the browser (useSocketEvent).
 * Payloads carry ids and sequence numbers so a client can detect gaps and
 * re-read what it missed.
 */
import type { ErrorCode } from "../errors";
import type { RoomMessageDto } from "../rooms/dto";
import type { AttachmentDto, ConversationSummaryDto, CustomerMessageDto, MessageDto, NoteDto, PicklistItemDto } from "../conversations/dto";
import type { SendMessageInput } from "../messages/send-agent-message";
import type { CustomerMessageInput } from "../webchat/customer-session";

export interface PresencePayload {
  userId: string;
  companyId: string;
  online: boolean;
}

export interface PicklistRemoval {
  conversationId: string;
  reason: "picked" | "offered" | "transferred" | "ended";
  /** Who picked it. */
  byName?: string;
}

/** Events sent to console clients (agents, supervisors, admins). */
export interface AgentEvents {
  "presence:changed": PresencePayload;
  /** A conversation is waiting in a queue's picklist. */
  "picklist:added": { companyId: string; item: PicklistItemDto };
  /** Conversations left a queue's picklist (picked, offered, transferred away, ended); those of one moment come together. */
  "picklist:removed": { companyId: string; queueId: string; removed: PicklistRemoval[] };
  /** A conversation is now yours (picked, accepted or transferred to you), in every client. */
  "conversation:assigned": { userId: string; conversation: ConversationSummaryDto };
  /** A conversation is no longer yours (transferred away or ended). */
  "conversation:unassigned": { userId: string; conversationId: string; reason: "transferred" | "ended" };
  "conversation:ended": { conversationId: string; assigneeId: string | null; endedAt: string };
  "conversation:read": { userId: string; conversationId: string; lastReadSeq: number };
  "message:created": { assigneeId: string | null; message: MessageDto };
  "message:updated": { assigneeId: string | null; message: MessageDto };
  "note:created": { note: NoteDto };
  /** An offer to one agent, to accept or decline before expiresAt. */
  "offer:received": { userId: string; conversation: ConversationSummaryDto; expiresAt: string };
  "offer:withdrawn": { userId: string; conversationId: string; reason: "declined" | "timed-out" | "accepted" };
  /** Something changed on a queue's board (waiting count, agents); supervisors re-read it. Sent to supervisors and admins only. */
  "queue:changed": { companyId: string; queueId: string };
  /** The file-validation worker finished checking a file the user uploaded (accepted or refused with a reason). */
  "attachment:updated": { userId: string; conversationId: string | null; roomId: string | null; attachment: AttachmentDto };
  /** A new message in a widget conversation, to every member still in it. */
  "room:message": { userIds: string[]; message: RoomMessageDto };
  /** A widget message changed (an SMS delivery status). */
  "room:message-updated": { userIds: string[]; message: RoomMessageDto };
  /** A widget conversation changed (members, name, mute, deleted for you): re-read it. */
  "room:changed": { userIds: string[]; roomId: string };
  /** You read a widget conversation up to a seq (on any of your clients). */
  "room:read": { userId: string; roomId: string; lastReadSeq: number };
}

/** Events sent to a customer's web-chat page. Nothing internal may ever be added here. */
export interface CustomerEvents {
  "message:created": { conversationId: string; message: CustomerMessageDto };
  "message:updated": { conversationId: string; message: CustomerMessageDto };
  "conversation:ended": { conversationId: string };
  /** A file the customer uploaded was checked (accepted or refused with a reason). */
  "attachment:updated": { conversationId: string; attachment: AttachmentDto };
}

export type AgentEventName = keyof AgentEvents;
export type CustomerEventName = keyof CustomerEvents;

export type SocketAck<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } };

type Listeners<E> = { [K in keyof E]: (payload: E[K]) => void };
export type AgentServerToClient = Listeners<AgentEvents>;
export type CustomerServerToClient = Listeners<CustomerEvents>;

/** Socket requests an agent client may make; each answers through an ack. */
export interface AgentRequests {
  "session:whoami": { request: Record<string, never>; response: { userId: string; companyId: string; role: string } };
  /** Start hearing a conversation's messages and notes (only one you may see). */
  "conversation:watch": { request: { conversationId: string }; response: { lastSeq: number } };
  "conversation:unwatch": { request: { conversationId: string }; response: Record<string, never> };
  /** The same as POST /api/v1/conversations/{id}/pick, one round trip on the open socket. */
  "conversation:pick": { request: { conversationId: string }; response: { conversation: ConversationSummaryDto } };
  /** The same as POST /api/v1/conversations/{id}/messages (same clientMessageId rule: a resend answers with the stored message). */
  "message:send": { request: SendMessageInput & { conversationId: string }; response: { message: MessageDto } };
}

export type AgentClientToServer = {
  [K in keyof AgentRequests]: (payload: AgentRequests[K]["request"], ack: (answer: SocketAck<AgentRequests[K]["response"]>) => void) => void;
};

/** Socket requests a web-chat customer may make (the HTTP API offers the same). */
export interface CustomerRequests {
  /** The same as POST /api/webchat/{entry}/messages. */
  "message:send": { request: CustomerMessageInput; response: { conversationId: string; message: CustomerMessageDto } };
}

export type CustomerClientToServer = {
  [K in keyof CustomerRequests]: (payload: CustomerRequests[K]["request"], ack: (answer: SocketAck<CustomerRequests[K]["response"]>) => void) => void;
};

export const rooms = {
  user: (userId: string) => `user:${userId}`,
  company: (companyId: string) => `company:${companyId}`,
  /** A company's supervisors and admins (what only the queue board needs). */
  supervisors: (companyId: string) => `supervisors:${companyId}`,
  queue: (queueId: string) => `queue:${queueId}`,
  conversation: (conversationId: string) => `conversation:${conversationId}`,
  /** A web-chat customer's room, by contact (it outlives each conversation). */
  customer: (contactId: string) => `customer:${contactId}`,
  /** Sockets opened with a personal API token, so revoking it can close them. */
  apiToken: (tokenId: string) => `api-token:${tokenId}`,
} as const;

export const CUSTOMER_NAMESPACE = "/customer";
