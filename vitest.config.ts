import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { testDatabaseUrl, testRedisUrl } from "./tests/support/test-env.ts";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./", import.meta.url)) } },
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.ts", "tests/integration/**/*.test.ts", "workers/**/*.test.ts", "stand-in/**/*.test.ts"],
    globalSetup: ["tests/support/vitest-global-setup.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    env: {
      NODE_ENV: "test",
      DATABASE_URL: testDatabaseUrl("parley_test"),
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: "parley-test",
      NEXTAUTH_SECRET: "parley-test-secret-parley-test-secret-0123456789",
    },
  },
});
