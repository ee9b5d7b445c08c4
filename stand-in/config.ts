/**
 * The stand-in's settings. This is the only stand-in module that reads
 * process.env; everything else receives a StandInConfig (tests build one
 * with parseConfig({...})).
 */
import { z } from "zod";

const DEFAULT_ACCOUNT_SID = "AC00000000000000000000000000000000";

const envSchema = z.object({
  STAND_IN_PORT: z.coerce.number().int().min(0).max(65_535).default(4010),
  STAND_IN_HOST: z.string().min(1).default("127.0.0.1"),
  /** Where inbound webhooks and WhatsApp statuses are posted. */
  PARLEY_URL: z.url().default("http://localhost:3000"),
  TWILIO_AUTH_TOKEN: z.string().min(1).default("stand-in-twilio-token"),
  TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/, "must be AC followed by 32 hex digits")
    .default(DEFAULT_ACCOUNT_SID),
  WHATSAPP_APP_SECRET: z.string().min(1).default("stand-in-whatsapp-secret"),
  WHATSAPP_ACCESS_TOKEN: z.string().min(1).default("stand-in-whatsapp-token"),
  /** Pause before each status callback / status webhook (sent, then delivered). */
  STATUS_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(200),
});

export interface StandInConfig {
  port: number;
  host: string;
  /** PARLEY_URL without a trailing slash. */
  parleyUrl: string;
  twilioAuthToken: string;
  twilioAccountSid: string;
  whatsappAppSecret: string;
  whatsappAccessToken: string;
  statusDelayMs: number;
}

/** Validates a set of variables (empty strings count as unset) and applies the defaults. */
export function parseConfig(source: Record<string, string | undefined>): StandInConfig {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new Error(`Invalid stand-in environment:\n${problems}`);
  }
  const env = parsed.data;
  return {
    port: env.STAND_IN_PORT,
    host: env.STAND_IN_HOST,
    parleyUrl: env.PARLEY_URL.replace(/\/+$/, ""),
    twilioAuthToken: env.TWILIO_AUTH_TOKEN,
    twilioAccountSid: env.TWILIO_ACCOUNT_SID,
    whatsappAppSecret: env.WHATSAPP_APP_SECRET,
    whatsappAccessToken: env.WHATSAPP_ACCESS_TOKEN,
    statusDelayMs: env.STATUS_DELAY_MS,
  };
}

/** The configuration of this process, from process.env. */
export function loadConfig(): StandInConfig {
  return parseConfig(process.env);
}
