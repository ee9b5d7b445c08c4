/**
 * Starts what the benchmark measures: the built web app (server.ts), the
 * workers and the provider stand-in, as separate processes against the
 * bench's own database (parley_bench) and Redis prefix (parley-bench).
 * Builds the app first only when .next/BUILD_ID is missing or older than
 * the sources.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { sleep } from "./stats";

export const WEB_PORT = 3300;
export const STAND_IN_PORT = 4310;
export const WEB_URL = `http://127.0.0.1:${WEB_PORT}`;
export const PUBLIC_URL = `http://localhost:${WEB_PORT}`;
export const STAND_IN_URL = `http://127.0.0.1:${STAND_IN_PORT}`;
export const REDIS_PREFIX = "parley-bench";

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/** The bench database next to DATABASE_URL's; refuses anything not on this machine. */
export function benchDatabaseUrl(): string {
  const url = new URL(process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/parley");
  if (!LOCAL_HOSTS.has(url.hostname)) throw new Error(`Refusing to benchmark a non-local database (${url.hostname}).`);
  url.pathname = "/parley_bench";
  return url.toString();
}

export function benchRedisUrl(): string {
  const url = new URL(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  if (!LOCAL_HOSTS.has(url.hostname)) throw new Error(`Refusing to benchmark a non-local Redis (${url.hostname}).`);
  return url.toString();
}

/** Newest modification time under the build's inputs (what scripts/start.sh checks too). */
function newestSource(root: string): number {
  let newest = 0;
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      if (path.endsWith(join("lib", "generated"))) return;
      for (const name of readdirSync(path)) visit(join(path, name));
    } else if (stat.mtimeMs > newest) newest = stat.mtimeMs;
  };
  for (const entry of ["app", "components", "lib", "public", "next.config.ts", "package-lock.json"]) visit(join(root, entry));
  return newest;
}

/** Builds with `npx next build` when needed; keeps a previous build (with a note) if a rebuild fails. */
export function ensureBuild(root: string, logDir: string, notes: string[]): void {
  const buildId = join(root, ".next", "BUILD_ID");
  if (existsSync(buildId) && statSync(buildId).mtimeMs >= newestSource(root)) return;
  console.log("[bench] building the web app (npx next build)...");
  const result = spawnSync("npx", ["next", "build"], { cwd: root, env: { ...process.env, NODE_ENV: "production" }, encoding: "utf-8", timeout: 15 * 60_000 });
  if (result.status === 0) return;
  const log = join(logDir, "build.log");
  createWriteStream(log).end(`${result.stdout ?? ""}\n${result.stderr ?? ""}`);
  if (!existsSync(buildId)) throw new Error(`next build failed; see ${log}`);
  notes.push(`next build failed (see ${log}); measured the previous build in .next, which may predate the newest sources.`);
}

export interface Stack {
  stop: () => Promise<void>;
}

function startProcess(root: string, name: string, script: string, env: NodeJS.ProcessEnv, logDir: string): ChildProcess {
  const log = createWriteStream(join(logDir, `${name}.log`));
  // BENCH_PROFILE=1 writes a V8 CPU profile of each process at exit (bench/results/profiles) for finding where time goes.
  const profile = process.env.BENCH_PROFILE === "1" ? ["--cpu-prof", "--cpu-prof-dir", join(logDir, "..", "profiles", name)] : [];
  // BENCH_NODE_ARGS adds V8/Node flags to each process (e.g. --trace-gc, which NODE_OPTIONS does not accept).
  const extra = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...profile, ...extra, "--import", "tsx", script], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  child.once("exit", () => log.end());
  return child;
}

async function waitHealthy(url: string, child: ChildProcess, name: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}; see bench/results/logs/${name}.log`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`${name} did not become healthy at ${url} within ${timeoutMs} ms`);
}

/** Every process this module started, so an interrupted run can stop them even before startStack returns. */
const children: Array<[string, ChildProcess]> = [];

/** CPU seconds (user + system) each started process has used so far, from /proc (Linux); empty elsewhere. */
export function cpuSeconds(): Record<string, number> {
  const ticks = 100; // USER_HZ on Linux
  const out: Record<string, number> = {};
  for (const [name, child] of children) {
    try {
      const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      out[name] = (Number(fields[11]) + Number(fields[12])) / ticks;
    } catch {
      // not Linux, or the process has ended
    }
  }
  return out;
}

/** Stops the processes started here: SIGTERM, then SIGKILL after 12 s. */
export async function stopAll(): Promise<void> {
  for (const [, child] of children) if (child.exitCode === null) child.kill("SIGTERM");
  const deadline = Date.now() + 12_000;
  while (children.some(([, child]) => child.exitCode === null && child.signalCode === null) && Date.now() < deadline) await sleep(100);
  for (const [, child] of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}

/** Starts web, workers and stand-in with the bench environment (already in process.env). */
export async function startStack(root: string, logDir: string): Promise<Stack> {
  mkdirSync(logDir, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(WEB_PORT),
    HOST: "127.0.0.1",
    NEXTAUTH_URL: PUBLIC_URL,
    PARLEY_URL: PUBLIC_URL,
    STAND_IN_PORT: String(STAND_IN_PORT),
    STAND_IN_HOST: "127.0.0.1",
    STAND_IN_URL,
  };
  const stop = stopAll;
  try {
    const standIn = startProcess(root, "stand-in", "stand-in/server.ts", env, logDir);
    children.push(["stand-in", standIn]);
    const workers = startProcess(root, "workers", "workers/index.ts", env, logDir);
    children.push(["workers", workers]);
    const web = startProcess(root, "web", "server.ts", env, logDir);
    children.push(["web", web]);
    await waitHealthy(`${STAND_IN_URL}/control/health`, standIn, "stand-in", 30_000);
    await waitHealthy(`${WEB_URL}/api/health`, web, "web", 90_000);
    if (workers.exitCode !== null) throw new Error("workers exited; see bench/results/logs/workers.log");
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}
