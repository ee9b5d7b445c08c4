/** The benchmark run, in order: prepare, start, baselines, scenarios, report, stop. */
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { migrateDatabase, projectRoot } from "../scripts/lib/migrate";
import { measureB1, measureB2, measureB3, measureB4 } from "./baselines";
import { configFrom } from "./config";
import { SMS_ACCOUNT, createFixtures, disconnectDb, execute, resetDatabase } from "./fixtures";
import { closeHttp } from "./http";
import { renderText, writeReport, type Report } from "./report";
import { REDIS_PREFIX, cpuSeconds, ensureBuild, startStack, stopAll, type Stack } from "./stack";
import { Rows } from "./rows";
import { closeWorld, buildWorld } from "./world";
import { agentToCustomer, customerToAgent, headroom } from "./scenarios/webchat";
import { picklistRace, seedWaiting, type RaceResult } from "./scenarios/picklist-race";
import { raceCeiling } from "./ceilings/race-ceiling";
import { burstCeiling } from "./ceilings/burst-ceiling";
import { withCommitProbe } from "./ceilings/commit-probe";
import { reconnectStorm } from "./scenarios/reconnect-storm";
import { inboundSms, outboundSmsLatency, outboundSmsThroughput, setupSms, type OutboundThroughput } from "./scenarios/sms";
import { seedHistory, timeConsole } from "./scenarios/scale";

/** The plain INSERTs per second run alongside the delivery scenarios (bench/ceilings/commit-probe.ts). */
const ALONGSIDE_PER_SECOND = 5;

const loads: string[] = [];
let lastStep: { name: string; at: number; cpu: Record<string, number> } | undefined;
/**
 * Logs a step and notes, for the step before it, the machine's 1-minute load
 * average and how busy each Parley process was (CPU seconds per wall second),
 * so a reader can tell a saturated process from a busy machine.
 */
const log = (message: string) => {
  console.log(`[bench] ${message}`);
  const now = Date.now();
  const cpu = cpuSeconds();
  if (lastStep && Object.keys(cpu).length) {
    const wall = (now - lastStep.at) / 1000;
    const busy = Object.entries(cpu).map(([name, seconds]) => `${name} ${Math.round((100 * (seconds - (lastStep!.cpu[name] ?? 0))) / wall)}%`).join(", ");
    loads.push(`${lastStep.name} (${wall.toFixed(0)} s): load ${loadavg()[0]!.toFixed(1)}, CPU ${busy}`);
  }
  lastStep = { name: message.split(":")[0]!, at: now, cpu };
};

/**
 * A burst, with each Parley process's CPU time per accepted text (the burst waits for every text's last status, so
 * all of a text's work is in it): a finer comparison between two runs than their throughput on a noisy machine.
 */
async function withCpuPerText(burst: () => Promise<OutboundThroughput>): Promise<OutboundThroughput> {
  const before = cpuSeconds();
  const result = await burst();
  const after = cpuSeconds();
  const perText = Object.entries(after).map(([name, seconds]) => [name, (1000 * (seconds - (before[name] ?? 0))) / Math.max(result.accepted, 1)] as const);
  return { ...result, cpuMsPerText: Object.fromEntries(perText) };
}

/** Deletes this bench's Redis keys (queues, adapters, presence) from an earlier run; only its own prefix. */
async function clearRedis(url: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${REDIS_PREFIX}:*`, "COUNT", 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}

export async function main(args: string[]): Promise<number> {
  const config = configFrom(args);
  const runs = scenarioFilter(args);
  const startedAt = new Date().toISOString();
  const resultsDir = join(projectRoot, "bench", "results");
  const logDir = join(resultsDir, "logs");
  const notes: string[] = [];
  const rows = new Rows();
  let stack: Stack | undefined;
  const interrupt = () => {
    void stopAll().then(() => process.exit(130));
  };
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  try {
    log(`${config.mode} run; preparing database parley_bench and Redis prefix ${REDIS_PREFIX}`);
    await migrateDatabase(process.env.DATABASE_URL!);
    await resetDatabase();
    await clearRedis(process.env.REDIS_URL!);
    ensureBuild(projectRoot, logDir, notes);
    log("starting web (port 3300), workers and stand-in (port 4310)");
    stack = await startStack(projectRoot, logDir);
    const fixtures = await createFixtures({ agents: config.agents, scaleConversations: config.ownConversations, scaleMessages: config.ownMessages });
    // Emptying the previous run's million messages leaves a checkpoint's worth of dirty pages: write them now,
    // not in the middle of a latency scenario (needs a superuser or pg_checkpoint; skipped otherwise).
    await execute("CHECKPOINT").catch(() => notes.push("could not run CHECKPOINT before the scenarios (no privilege); a checkpoint may fall into one"));

    log("baselines");
    const b1 = await measureB1(projectRoot, config.b1RoundTrips);
    const b2 = await measureB2(process.env.DATABASE_URL!, config.b2Seconds);
    const b3 = await measureB3(process.env.REDIS_URL!, REDIS_PREFIX, config.b3Sequential, config.b3Bulk);
    const b4 = await measureB4("/forbidden", config.b4Requests);
    rows.baselines({ b1, b2Insert: b2.insert, b2Claim: b2.claim, b3, b4 });

    const empty = runs(7) ? (log("scenario 7 (empty database): console timings"), await timeConsole(fixtures.scaleAgent, config.consoleRequests)) : undefined;

    log(`building ${config.conversations} web-chat conversations for ${config.agents} agents`);
    const world = await buildWorld(fixtures.agents, config.conversations);
    try {
      let scenario1P99 = Number.NaN;
      if (runs(1)) {
        log(`scenario 1: customer -> agent, ${config.rate} msg/s for ${config.seconds} s`);
        const [scenario1, alongside] = await withCommitProbe(process.env.DATABASE_URL!, ALONGSIDE_PER_SECOND, () => customerToAgent(world, config.rate, config.seconds));
        scenario1P99 = scenario1.latency.p99;
        rows.delivery("1 customer->agent", scenario1, rows.deliveryTarget());
        rows.alongside("1 customer->agent", alongside, rows.deliveryTarget());
      }
      if (runs(2)) {
        log(`scenario 2: agent -> customer, ${config.rate} msg/s for ${config.seconds} s`);
        const [scenario2, alongside] = await withCommitProbe(process.env.DATABASE_URL!, ALONGSIDE_PER_SECOND, () => agentToCustomer(world, config.rate, config.seconds));
        rows.delivery("2 agent->customer", scenario2, rows.deliveryTarget());
        rows.alongside("2 agent->customer", alongside, rows.deliveryTarget());
      }

      if (runs(3)) {
        log(`scenario 3: SMS (${config.smsConversations} conversations)`);
        const sms = await setupSms(world.agents, config.smsConversations);
        rows.delivery("3 SMS webhook->agent", await inboundSms(world.agents, sms, config.smsRate, config.smsSeconds), rows.workerTarget());
        rows.outbound(await outboundSmsLatency(sms, config.smsRate, config.smsSeconds));
        const burst = await withCpuPerText(() => outboundSmsThroughput(sms, config.burst, config.providerMs, config.burstSeconds));
        // The first burst is judged: the processes as the latency scenarios left them, their burst-only code not yet
        // optimized. A second one right after shows them warm (no verdict), as the race's later runs do.
        const warm = await withCpuPerText(() => outboundSmsThroughput(sms, config.burst, config.providerMs, config.burstSeconds));
        rows.throughput(burst, config.providerMs, warm);
        log(`scenario 3 reference: ${config.burst} provider calls from a minimal BullMQ worker`);
        rows.burstCeiling(await burstCeiling(process.env.REDIS_URL!, REDIS_PREFIX, SMS_ACCOUNT, config.burst, config.providerMs, [64, 512]), config.providerMs);
      }
      if (runs(4)) {
        log(`scenario 4: picklist race, ${config.agents} agents, ${config.race} waiting conversations, ${config.raceRuns} runs`);
        // The first race is the judged one (the pick path as cold as after a deploy); the later ones show it warm.
        const results: RaceResult[] = [];
        for (let run = 1; run <= config.raceRuns; run += 1) {
          const ids = await seedWaiting(fixtures.companyId, fixtures.raceQueueId, fixtures.webchatAddressId, config.race, run);
          results.push(await picklistRace(world, fixtures.raceQueueId, ids, 120));
        }
        rows.race(results);
        log(`scenario 4 reference: the same race against a minimal server, ${config.raceRuns} runs`);
        rows.raceCeiling(await raceCeiling(projectRoot, config.agents, config.race, config.raceRuns));
      }
      if (runs(6)) {
        log(`scenario 6: reconnect storm at ${config.rate} msg/s`);
        rows.storm(await reconnectStorm(world, config.rate, config.stormSeconds));
      }
      if (runs(5)) {
        log(`scenario 5: headroom ${config.headroomRates.join(", ")} msg/s, ${config.headroomStepSeconds} s each`);
        const [steps, alongside] = await withCommitProbe(process.env.DATABASE_URL!, ALONGSIDE_PER_SECOND, () => headroom(world, config.headroomRates, config.headroomStepSeconds, scenario1P99));
        rows.headroom(steps);
        rows.alongside("5 headroom", alongside, { label: "low-load p99", value: steps.lowP99 });
      }
    } finally {
      closeWorld(world);
    }

    if (empty) {
      log(`scenario 7: seeding ${config.seedConversations} conversations x ${config.seedPerConversation} messages`);
      const seedSeconds = await seedHistory({
        companyId: fixtures.companyId,
        queueId: fixtures.queueId,
        addressId: fixtures.webchatAddressId,
        agentIds: fixtures.agents.map((a) => a.id),
        conversations: config.seedConversations,
        perConversation: config.seedPerConversation,
      });
      const seeded = await timeConsole(fixtures.scaleAgent, config.consoleRequests);
      rows.scale(empty, seeded, config.seedConversations, config.seedConversations * config.seedPerConversation, seedSeconds);
    }
  } catch (error) {
    notes.push(`run aborted: ${error instanceof Error ? error.message : String(error)}`);
    console.error(error);
  } finally {
    log("stopping");
    await stack?.stop();
    closeHttp();
    await disconnectDb().catch(() => undefined);
  }

  if (runs.partial) notes.push(`--only ${runs.list}: the other scenarios were not run.`);
  if (config.mode === "quick") notes.push("--quick: smaller load and data (see bench/config.ts); targets are the issue's, but figures are not comparable with a full run.");
  const report: Report = {
    startedAt,
    finishedAt: new Date().toISOString(),
    mode: config.mode,
    machine: { cpus: cpus().length, node: process.version, platform: `${process.platform}/${process.arch}` },
    rows: rows.all,
    notes: [...notes, ...rows.notes, `per step, 1-minute load average (${cpus().length} CPUs) and CPU use of web, workers, stand-in: ${loads.join("; ")}`],
  };
  writeReport(report, resultsDir);
  console.log("\n" + renderText(report));
  console.log(`\n[bench] wrote bench/results/latest.json and bench/results/latest.md`);
  return report.notes.some((n) => n.startsWith("run aborted")) ? 1 : 0;
}

/** `--only 3,4` runs those scenarios (baselines always run): for iterating on one path, not for a report. */
function scenarioFilter(args: string[]): ((scenario: number) => boolean) & { partial: boolean; list: string } {
  const at = args.indexOf("--only");
  const list = at >= 0 ? (args[at + 1] ?? "") : "";
  const wanted = new Set(list.split(",").map(Number).filter((n) => n >= 1 && n <= 7));
  const runs = (scenario: number) => wanted.size === 0 || wanted.has(scenario);
  return Object.assign(runs, { partial: wanted.size > 0, list });
}
