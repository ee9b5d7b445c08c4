/**
 * Browser tests against the built app: server + workers on their own port
 * and database. Chromium comes from PLAYWRIGHT_CHROMIUM_PATH (the Debian
 * package on air-gapped machines) or from Playwright's own download.
 */
import { defineConfig, devices } from "@playwright/test";
import { testDatabaseUrl, testRedisUrl } from "./tests/support/test-env.ts";

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://localhost:${PORT}`;
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH || undefined;

export const e2eEnv = {
  NODE_ENV: "production" as const,
  PORT: String(PORT),
  DATABASE_URL: testDatabaseUrl("parley_e2e"),
  REDIS_URL: testRedisUrl(),
  REDIS_PREFIX: "parley-e2e",
  NEXTAUTH_URL: E2E_BASE_URL,
  NEXTAUTH_SECRET: "parley-e2e-secret-parley-e2e-secret-0123456789",
  // The provider stand-in of the browser tests, on its own port.
  STAND_IN_PORT: "4110",
  STAND_IN_URL: "http://127.0.0.1:4110",
  PARLEY_URL: E2E_BASE_URL,
};

// Test files create their own data in the browser-test database.
Object.assign(process.env, { DATABASE_URL: e2eEnv.DATABASE_URL, REDIS_URL: e2eEnv.REDIS_URL, REDIS_PREFIX: e2eEnv.REDIS_PREFIX, NEXTAUTH_SECRET: e2eEnv.NEXTAUTH_SECRET, STAND_IN_URL: e2eEnv.STAND_IN_URL });

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  // One browser at a time, as `npm test` already runs on a 2-core machine (half the cores): two browsers beside the
  // server, workers and PostgreSQL overloaded the cores enough that live updates missed the tests' 1-second budgets.
  workers: process.env.CI ? 1 : undefined,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: "bash tests/support/e2e-stack.sh",
    url: `${E2E_BASE_URL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: e2eEnv,
    stdout: "pipe",
    stderr: "pipe",
  },
});
