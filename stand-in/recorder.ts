/**
 * Everything the stand-in remembers: provider requests with their outcome,
 * accepted sends (the agent's replies, per recipient), webhooks it posted
 * to Parley, idempotency keys, failure rules and latency. In memory only;
 * the oldest entries are dropped beyond a cap so long demos and benchmarks
 * do not grow without bound.
 */
import type { StandInConfig } from "./config";
import { FailureQueue, type FailureKind, type Provider } from "./failures";
import { sameNumber, type Reply } from "./http-util";
import { Scheduler } from "./scheduler";

const RETAIN_RECORDS = 10_000;
/** Lists are cut back to RETAIN_RECORDS once they are this much longer: one splice per thousand records, not per record. */
const TRIM_SLACK = 1_000;
const RETAIN_IDEMPOTENCY_KEYS = 100_000;

export type Outcome = "accepted" | "replayed" | "failed" | "unauthorized";

export interface RequestRecord {
  id: number;
  at: string;
  provider: Provider;
  method: string;
  path: string;
  /** Lowercased names; authorization shown as "<redacted>". */
  headers: Record<string, string | string[]>;
  /** The parsed form (SMS) or JSON (WhatsApp); the raw text if it did not parse. */
  body: unknown;
  idempotencyKey: string | null;
  outcome: Outcome;
  /** The failure rule that applied, if any ("21211" also for the persistent number rule). */
  failure: FailureKind | null;
  /** status 0: no answer was given (timeout rule). */
  response: { status: number; body: unknown };
}

export interface StatusEntry {
  status: string;
  at: string;
  errorCode?: number;
}

export interface AcceptedSend {
  /** 1, 2, 3… in the order the sends were accepted, never reused: GET /control/accepted?after=N reads only newer ones. */
  seq: number;
  requestId: number;
  at: string;
  provider: Provider;
  /** SM… (SMS), wamid.… (WhatsApp) or CA… (a call). */
  messageId: string;
  idempotencyKey: string | null;
  to: string;
  /** SMS From; for WhatsApp the display number of the sending phone-number id when known. */
  from: string;
  phoneNumberId: string | null;
  type: "sms" | "text" | "image" | "document" | "template" | "call";
  /** Body, caption, "[template name]" or "[call → +1…]": what a person reads. */
  text: string;
  mediaUrls: string[];
  /** SMS: the StatusCallback URL of the send. */
  statusCallback: string | null;
  /** WhatsApp: biz_opaque_callback_data of the send, echoed in its statuses. */
  bizOpaqueCallbackData: string | null;
  /** The last status the stand-in reported for it, and the history. */
  status: string;
  statuses: StatusEntry[];
  /** Calls only: what the call was told to do. */
  call?: CallInstructions;
}

export interface CallInstructions {
  /** The inline TwiML of the request, if any. */
  twiml: string | null;
  /** The TwiML URL of the request, if any. */
  url: string | null;
  /** The numbers the TwiML's <Dial> connects (empty for a URL or no <Dial>). */
  dialed: string[];
  /** The <Dial callerId="…"> of the TwiML. */
  callerId: string | null;
  /** StatusCallbackEvent values asked for (Twilio's default: completed only). */
  statusCallbackEvents: string[];
}

/** A call as GET /control/calls shows it. */
export interface CallView extends CallInstructions {
  sid: string;
  requestId: number;
  at: string;
  to: string;
  from: string;
  idempotencyKey: string | null;
  statusCallback: string | null;
  status: string;
  statuses: StatusEntry[];
}

export interface WebhookRecord {
  id: number;
  at: string;
  kind: "sms-status" | "sms-inbound" | "call-status" | "whatsapp-status" | "whatsapp-inbound";
  url: string;
  body: unknown;
  /** Parley's HTTP status; null when the post did not get an answer. */
  status: number | null;
  responseBody: unknown;
  error: string | null;
}

export interface RequestFilter {
  provider?: string;
  outcome?: string;
}

function trim<T>(list: T[]): void {
  if (list.length > RETAIN_RECORDS + TRIM_SLACK) list.splice(0, list.length - RETAIN_RECORDS);
}

export class StandInState {
  readonly requests: RequestRecord[] = [];
  readonly accepted: AcceptedSend[] = [];
  readonly webhooks: WebhookRecord[] = [];
  readonly failures = new FailureQueue();
  readonly scheduler = new Scheduler();
  /** `${provider}:${key}` → the reply of the accepted send. */
  readonly idempotency = new Map<string, { reply: Reply; messageId: string }>();
  /** WhatsApp phone-number id → display phone number, learned from inbound posts. */
  readonly whatsappNumbers = new Map<string, string>();
  latencyMs = 0;
  private nextId = 1;
  private acceptedSeq = 0;

  constructor(readonly config: StandInConfig) {}

  newId(): number {
    return this.nextId++;
  }

  record(entry: Omit<RequestRecord, "id">, id = this.newId()): RequestRecord {
    const record = { id, ...entry };
    this.requests.push(record);
    trim(this.requests);
    return record;
  }

  /** The seq the next accepted send will get. */
  nextAcceptedSeq(): number {
    return ++this.acceptedSeq;
  }

  addAccepted(send: AcceptedSend): void {
    this.accepted.push(send);
    trim(this.accepted);
  }

  /** The accepted sends after seq `after`, oldest first: a poller reads what is new instead of the whole list. */
  acceptedAfter(after: number): AcceptedSend[] {
    let start = this.accepted.length;
    while (start > 0 && this.accepted[start - 1]!.seq > after) start -= 1;
    return this.accepted.slice(start);
  }

  addWebhook(entry: Omit<WebhookRecord, "id">): WebhookRecord {
    const record = { id: this.newId(), ...entry };
    this.webhooks.push(record);
    trim(this.webhooks);
    return record;
  }

  remember(provider: Provider, key: string, reply: Reply, messageId: string): void {
    this.idempotency.set(`${provider}:${key}`, { reply, messageId });
    if (this.idempotency.size > RETAIN_IDEMPOTENCY_KEYS) {
      const oldest = this.idempotency.keys().next().value;
      if (oldest !== undefined) this.idempotency.delete(oldest);
    }
  }

  replayFor(provider: Provider, key: string | null): Reply | null {
    return key === null ? null : (this.idempotency.get(`${provider}:${key}`)?.reply ?? null);
  }

  findAccepted(provider: Provider, messageId: string): AcceptedSend | undefined {
    return this.accepted.find((send) => send.provider === provider && send.messageId === messageId);
  }

  noteStatus(send: AcceptedSend, status: string, errorCode?: number): void {
    send.status = status;
    send.statuses.push({ status, at: new Date().toISOString(), ...(errorCode === undefined ? {} : { errorCode }) });
  }

  filterRequests(filter: RequestFilter): RequestRecord[] {
    return this.requests.filter(
      (record) => (!filter.provider || record.provider === filter.provider) && (!filter.outcome || record.outcome === filter.outcome),
    );
  }

  /** The accepted sends to one number (the agent's replies to that customer), oldest first. */
  conversation(provider: Provider, number: string): AcceptedSend[] {
    return this.accepted.filter((send) => send.provider === provider && sameNumber(send.to, number));
  }

  /** The calls the stand-in accepted, oldest first. */
  calls(): CallView[] {
    return this.accepted.flatMap((send) =>
      send.provider === "voice" && send.call
        ? [{ sid: send.messageId, requestId: send.requestId, at: send.at, to: send.to, from: send.from, idempotencyKey: send.idempotencyKey, statusCallback: send.statusCallback, status: send.status, statuses: send.statuses, ...send.call }]
        : [],
    );
  }

  /** Forgets everything except the configuration, and drops status callbacks not yet posted. */
  reset(): void {
    this.scheduler.reset();
    this.requests.length = 0;
    this.accepted.length = 0;
    this.webhooks.length = 0;
    this.idempotency.clear();
    this.failures.clear();
    this.latencyMs = 0;
  }
}
