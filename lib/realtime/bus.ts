/**
 * The event bus from domain code to clients. Domain operations call
 * publishAgentEvent / publishCustomerEvent after their transaction commits;
 * the audience table here is the one place that decides which rooms hear
 * each event. Customer events go to a separate namespace that agent events
 * cannot reach: its types admit only CustomerEvents, so a note cannot be sent
 * there by mistake.
 */
import { CUSTOMER_NAMESPACE, rooms, type AgentEventName, type AgentEvents, type CustomerEventName, type CustomerEvents, type PicklistRemoval } from "./events";
import type { Channel } from "../generated/prisma/enums";
import { broadcaster, type Audience } from "./emitter";

const userRooms = (...ids: Array<string | null | undefined>) => ids.filter((id): id is string => Boolean(id)).map(rooms.user);

const agentAudience: { [K in AgentEventName]: (payload: AgentEvents[K]) => string[] } = {
  "presence:changed": (p) => [rooms.company(p.companyId)],
  "picklist:added": (p) => [rooms.queue(p.item.queueId)],
  "picklist:removed": (p) => [rooms.queue(p.queueId)],
  "conversation:assigned": (p) => [...userRooms(p.userId), rooms.conversation(p.conversation.id)],
  "conversation:unassigned": (p) => [...userRooms(p.userId), rooms.conversation(p.conversationId)],
  "conversation:ended": (p) => [...userRooms(p.assigneeId), rooms.conversation(p.conversationId)],
  "conversation:read": (p) => userRooms(p.userId),
  "message:created": (p) => [...userRooms(p.assigneeId), rooms.conversation(p.message.conversationId)],
  "message:updated": (p) => [...userRooms(p.assigneeId), rooms.conversation(p.message.conversationId)],
  "note:created": (p) => [rooms.conversation(p.note.conversationId)],
  "offer:received": (p) => userRooms(p.userId),
  "offer:withdrawn": (p) => userRooms(p.userId),
  // Only the queue board listens: agents' sockets are spared an event per pick, offer, transfer and end.
  "queue:changed": (p) => [rooms.supervisors(p.companyId)],
  // Only the uploader hears about their file until it is sent on a message.
  "attachment:updated": (p) => userRooms(p.userId),
  // Widget conversations are private to their members: only their user rooms hear them.
  "room:message": (p) => userRooms(...p.userIds),
  "room:message-updated": (p) => userRooms(...p.userIds),
  "room:changed": (p) => userRooms(...p.userIds),
  "room:read": (p) => userRooms(p.userId),
};

/**
 * `exceptSocketId`: a socket that asked for the change over socket.io and is
 * answered with the same data in its acknowledgement, so it is spared the
 * event (the user's other sockets still hear it).
 */
interface PublishOptions {
  exceptSocketId?: string;
}

const sparing = (audience: Audience, options: PublishOptions) => (options.exceptSocketId ? audience.except(options.exceptSocketId) : audience);

export function publishAgentEvent<K extends AgentEventName>(name: K, payload: AgentEvents[K], options: PublishOptions = {}): void {
  const targets = agentAudience[name](payload);
  if (targets.length === 0) return;
  // One broadcast to several rooms reaches each socket once, even if it sits in more than one.
  sparing(broadcaster().to(targets), options).emit(name, payload);
}

/** The conversation a customer event is about: its customer, and its channel. */
export interface CustomerAudience {
  contactId: string;
  channel: Channel;
}

/**
 * Only a web-chat page listens for customer events, and it shows its web-chat conversation: an SMS or WhatsApp
 * conversation's events would reach no one (or make the page of a customer who also texts reload for nothing),
 * and cost a publish each (three per text sent). `exceptSocketId` as for publishAgentEvent: the customer's socket that
 * sent a message has it in its acknowledgement.
 */
export function publishCustomerEvent<K extends CustomerEventName>(name: K, conversation: CustomerAudience, payload: CustomerEvents[K], options: PublishOptions = {}): void {
  if (conversation.channel !== "WEBCHAT") return;
  sparing(broadcaster().of(CUSTOMER_NAMESPACE).to(rooms.customer(conversation.contactId)), options).emit(name, payload);
}

const pendingRemovals = new Map<string, AgentEvents["picklist:removed"]>();
const pendingQueueChanges = new Map<string, AgentEvents["queue:changed"]>();

/**
 * A card leaves a queue's picklist. Removals made together (the claims of one
 * statement) go out as one event per queue: in a pick race every agent of the
 * queue hears of a whole batch of claims at once instead of one message per
 * claim. A microtask, not a later turn: it is queued ahead of the pickers'
 * answers, so an agent whose pick is answered has already heard which cards
 * went and does not aim its next pick at one of them.
 */
export function publishPicklistRemoval(companyId: string, queueId: string, removal: PicklistRemoval): void {
  const pending = pendingRemovals.get(queueId);
  if (pending) return void pending.removed.push(removal);
  const event = { companyId, queueId, removed: [removal] };
  pendingRemovals.set(queueId, event);
  queueMicrotask(() => {
    pendingRemovals.delete(queueId);
    publishAgentEvent("picklist:removed", event);
  });
}

/** Something changed on a queue's board. A hint to re-read, so the changes of one event-loop turn make one event. */
export function publishQueueChanged(companyId: string, queueId: string): void {
  if (pendingQueueChanges.has(queueId)) return;
  const event = { companyId, queueId };
  pendingQueueChanges.set(queueId, event);
  setImmediate(() => {
    pendingQueueChanges.delete(queueId);
    publishAgentEvent("queue:changed", event);
  });
}
