/**
 * The path every provider send takes, whatever the provider:
 * latency → auth → idempotent replay → validation → queued failure rule →
 * persistent number rule → accept (then status webhooks).
 * Each request is recorded once with its outcome.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FailureKind, FailureRule, Provider } from "./failures";
import { idempotencyKeyOf, readBody, sendJson, sleep, type Reply } from "./http-util";
import type { AcceptedSend, Outcome, StandInState } from "./recorder";

/** A "timeout" rule holds the socket this long without answering, then drops it. */
const HOLD_WITHOUT_ANSWER_MS = 35_000;

export interface AcceptContext {
  /** The accepted send's place in the order of acceptance (AcceptedSend.seq). */
  seq: number;
  requestId: number;
  at: string;
  idempotencyKey: string | null;
  params: Record<string, string>;
}

export interface Acceptance {
  reply: Reply;
  send: AcceptedSend;
  /** Runs once the reply is written: schedules the status callbacks. */
  afterResponse(options: { undelivered: boolean }): void;
}

export interface ProviderAdapter<Body> {
  provider: Provider;
  isAuthorized(req: IncomingMessage, params: Record<string, string>): boolean;
  unauthorized(): Reply;
  /** The body as recorded: the parsed form or JSON (the raw text if JSON does not parse). */
  decode(raw: Buffer): unknown;
  validate(decoded: unknown): { ok: true; body: Body } | { ok: false; reply: Reply };
  recipient(body: Body): string;
  /** The provider's answer for a queued 429/500/number rule. */
  ruleReply(rule: FailureRule, body: Body): Reply;
  persistentFailure(body: Body): { kind: FailureKind; reply: Reply } | null;
  accept(body: Body, context: AcceptContext): Acceptance;
}

function recordedHeaders(req: IncomingMessage): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = name.toLowerCase() === "authorization" ? "<redacted>" : value;
  }
  return headers;
}

function holdWithoutAnswer(res: ServerResponse): void {
  const timer = setTimeout(() => res.destroy(), HOLD_WITHOUT_ANSWER_MS);
  res.on("close", () => clearTimeout(timer));
}

export async function handleProviderSend<Body>(
  state: StandInState,
  adapter: ProviderAdapter<Body>,
  req: IncomingMessage,
  res: ServerResponse,
  params: Record<string, string>,
): Promise<void> {
  const id = state.newId();
  const at = new Date().toISOString();
  const raw = await readBody(req);
  await sleep(state.latencyMs, state.scheduler.closedSignal);

  const idempotencyKey = idempotencyKeyOf(req);
  const decoded = adapter.decode(raw);
  const base = { at, provider: adapter.provider, method: req.method ?? "POST", path: req.url ?? "", headers: recordedHeaders(req), body: decoded, idempotencyKey };
  const finish = (outcome: Outcome, reply: Reply, failure: FailureKind | null = null): void => {
    state.record({ ...base, outcome, failure, response: { status: reply.status, body: reply.body } }, id);
    sendJson(res, reply);
  };

  if (!adapter.isAuthorized(req, params)) return finish("unauthorized", adapter.unauthorized());

  const replay = state.replayFor(adapter.provider, idempotencyKey);
  if (replay) return finish("replayed", replay);

  const valid = adapter.validate(decoded);
  if (!valid.ok) return finish("failed", valid.reply);

  const rule = state.failures.take(adapter.provider, adapter.recipient(valid.body));
  let slowMs = 0;
  let undelivered = false;
  if (rule?.kind === "timeout") {
    state.record({ ...base, outcome: "failed", failure: "timeout", response: { status: 0, body: "held without an answer (timeout rule)" } }, id);
    holdWithoutAnswer(res);
    return;
  } else if (rule?.kind === "slow") {
    slowMs = rule.delayMs;
  } else if (rule?.kind === "undelivered") {
    undelivered = true;
  } else if (rule) {
    return finish("failed", adapter.ruleReply(rule, valid.body), rule.kind);
  }

  const persistent = adapter.persistentFailure(valid.body);
  if (persistent) return finish("failed", persistent.reply, persistent.kind);

  // Accepted before any "slow" pause: a retry with the same key during the pause is a replay.
  const acceptance = adapter.accept(valid.body, { seq: state.nextAcceptedSeq(), requestId: id, at, idempotencyKey, params });
  state.addAccepted(acceptance.send);
  if (idempotencyKey) state.remember(adapter.provider, idempotencyKey, acceptance.reply, acceptance.send.messageId);
  state.record({ ...base, outcome: "accepted", failure: rule?.kind ?? null, response: { status: acceptance.reply.status, body: acceptance.reply.body } }, id);
  await sleep(slowMs, state.scheduler.closedSignal);
  sendJson(res, acceptance.reply);
  acceptance.afterResponse({ undelivered });
}
