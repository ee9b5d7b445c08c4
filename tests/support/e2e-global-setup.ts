/** Migrates and seeds the browser-test database before the app starts. */
import { execFileSync } from "node:child_process";
import { migrateDatabase } from "../../scripts/lib/migrate";
import { e2eEnv } from "../../playwright.config";

export default async function globalSetup(): Promise<void> {
  await migrateDatabase(e2eEnv.DATABASE_URL);
  execFileSync("npx", ["tsx", "prisma/seed.ts"], { env: { ...process.env, ...e2eEnv }, stdio: "inherit" });
}
