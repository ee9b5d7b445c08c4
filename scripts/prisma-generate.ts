/**
 * `prisma generate` without network: the CLI insists on a schema-engine
 * binary it never runs for generate, so point it at a placeholder when the
 * real one is missing (offline and air-gapped installs).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const placeholder = join(process.cwd(), "node_modules", ".cache", "parley", "schema-engine-placeholder");
  if (!existsSync(placeholder)) {
    mkdirSync(join(placeholder, ".."), { recursive: true });
    writeFileSync(placeholder, "");
  }
  env.PRISMA_SCHEMA_ENGINE_BINARY = placeholder;
}
execFileSync("npx", ["prisma", "generate"], { stdio: ["ignore", "ignore", "inherit"], env });
console.log("[parley] Prisma client generated");
