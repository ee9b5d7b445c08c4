/**
 * `npm run bench [-- --quick]`: starts Parley (built web app, workers,
 * provider stand-in) against its own database and Redis prefix, measures
 * the baselines and scenarios through the public interfaces, and writes
 * bench/results/latest.{json,md}. See the README's Performance section.
 *
 * The environment is set here, before anything from lib/ is imported
 * (lib/env.ts reads it once, at import).
 */
import { benchDatabaseUrl, benchRedisUrl, PUBLIC_URL, REDIS_PREFIX, STAND_IN_URL, WEB_PORT } from "./stack";

process.env.DATABASE_URL = benchDatabaseUrl();
process.env.REDIS_URL = benchRedisUrl();
process.env.REDIS_PREFIX = REDIS_PREFIX;
(process.env as Record<string, string>).NODE_ENV = "production";
process.env.PORT = String(WEB_PORT);
process.env.NEXTAUTH_URL = PUBLIC_URL;
process.env.STAND_IN_URL = STAND_IN_URL;
process.env.NEXTAUTH_SECRET ??= "parley-bench-secret-only-for-local-benchmarks-0123456789";
process.env.PARLEY_ALLOW_DEV_SECRET = "1";

const { main } = await import("./main");
// Exit explicitly: client libraries (Redis, esbuild service) may hold the event loop open after the run.
process.exit(await main(process.argv.slice(2)));
