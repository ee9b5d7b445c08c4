/**
 * Failure rules queued through POST /control/failures, consumed in order by
 * provider sends, plus the persistent per-recipient rules of the demo.
 */
import { z } from "zod";
import { digits, sameNumber } from "./http-util";

/** "voice": Twilio Calls API (click-to-call). */
export type Provider = "sms" | "whatsapp" | "voice";

export const FAILURE_KINDS = ["429", "500", "slow", "timeout", "21211", "21610", "131047", "undelivered"] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** Kinds that only make sense for one provider. */
const KIND_PROVIDER: Partial<Record<FailureKind, Provider>> = { "21211": "sms", "21610": "sms", "131047": "whatsapp" };

/** Default pause of a "slow" rule without delayMs. */
const DEFAULT_SLOW_MS = 2_000;

export const failureRuleSchema = z
  .object({
    provider: z.enum(["sms", "whatsapp", "voice", "any"]),
    kind: z.enum(FAILURE_KINDS),
    times: z.number().int().min(1).max(100_000).default(1),
    retryAfterSeconds: z.number().int().min(0).max(86_400).default(1),
    delayMs: z.number().int().min(0).max(600_000).optional(),
    to: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((rule, ctx) => {
    const only = KIND_PROVIDER[rule.kind];
    if (only && rule.provider !== "any" && rule.provider !== only) {
      ctx.addIssue({ code: "custom", path: ["kind"], message: `kind ${rule.kind} applies to ${only} only` });
    }
  });

export type FailureRuleInput = z.infer<typeof failureRuleSchema>;

export interface FailureRule {
  id: number;
  provider: Provider | "any";
  kind: FailureKind;
  /** Sends this rule still applies to. */
  remaining: number;
  retryAfterSeconds: number;
  delayMs: number;
  to: string | null;
}

export class FailureQueue {
  private rules: FailureRule[] = [];
  private nextId = 1;

  add(input: FailureRuleInput): FailureRule {
    const rule: FailureRule = {
      id: this.nextId++,
      // A provider-specific kind queued for "any" only ever matches its provider.
      provider: KIND_PROVIDER[input.kind] ?? input.provider,
      kind: input.kind,
      remaining: input.times,
      retryAfterSeconds: input.retryAfterSeconds,
      delayMs: input.delayMs ?? (input.kind === "slow" ? DEFAULT_SLOW_MS : 0),
      to: input.to ?? null,
    };
    this.rules.push(rule);
    return { ...rule };
  }

  list(): FailureRule[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  clear(): void {
    this.rules = [];
  }

  /** Consumes one use of the first rule matching this send, if any. */
  take(provider: Provider, to: string | undefined): FailureRule | null {
    const index = this.rules.findIndex(
      (rule) => (rule.provider === "any" || rule.provider === provider) && (rule.to === null || (to !== undefined && sameNumber(rule.to, to))),
    );
    if (index < 0) return null;
    const rule = this.rules[index]!;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules.splice(index, 1);
    return { ...rule };
  }
}

/** The demo's reproducible SMS failures: a number ending in 0000 is invalid, one ending in 9999 has unsubscribed. */
export function persistentSmsFailure(to: string): "21211" | "21610" | null {
  const number = digits(to);
  if (number.endsWith("0000")) return "21211";
  if (number.endsWith("9999")) return "21610";
  return null;
}
