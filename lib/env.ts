/**
 * The only module that reads process.env. Loads .env files the way Next.js
 * does (so server.ts, workers and scripts see the same values as pages) and
 * validates them once at startup.
 */
import nextEnv from "@next/env";
import { z } from "zod";

nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== "production", { info: () => {}, error: console.error });

const DEV_SECRET = "parley-development-secret-change-me-in-production-0123456789";

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().positive().default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z.string().url().default("postgresql://postgres@127.0.0.1:5432/parley"),
  REDIS_URL: z.string().url().default("redis://127.0.0.1:6379"),
  /** PostgreSQL connections per process (web, workers). */
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  /** Prefix for every Redis key Parley writes (BullMQ queues, socket.io channels), so several installs can share one Redis. */
  REDIS_PREFIX: z.string().min(1).default("parley"),
  NEXTAUTH_SECRET: z.string().min(32).default(DEV_SECRET),
  NEXTAUTH_URL: z.string().url().optional(),
  /** How long an agent has to accept an offered conversation before it goes to the next agent. */
  OFFER_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(600).default(30),
  /** The provider stand-in (stand-in/server.ts): the demo's SMS and WhatsApp numbers send through it. */
  STAND_IN_URL: z.string().url().default("http://127.0.0.1:4010"),
  /** How long a worker holds a job before another may take it over (after a crash). */
  WORKER_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  /** Where uploaded files are stored (local disk), relative to the working directory; keep it outside public/. */
  FILES_DIR: z.string().min(1).default("var/files"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});

export type Env = z.infer<typeof envSchema>;

function loadEnv(): Env {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new Error(`Invalid environment:\n${problems}`);
  }
  if (parsed.data.NODE_ENV === "production" && parsed.data.NEXTAUTH_SECRET === DEV_SECRET && !process.env.PARLEY_ALLOW_DEV_SECRET) {
    console.warn("[parley] NEXTAUTH_SECRET is the development default; set your own in production.");
  }
  return parsed.data;
}

export const env: Env = loadEnv();

/** The public base URL of the console (used for links and auth callbacks). */
export function publicUrl(): string {
  return env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
}
