/** Turns measurements into report rows, each judged against a baseline from the same run. */
import type { Baselines } from "./baselines";
import type { DeliveryResult } from "./delivery";
import type { Row } from "./report";
import type { RaceCeiling } from "./ceilings/race-ceiling";
import type { BurstCeilingRun } from "./ceilings/burst-ceiling";
import type { RaceResult } from "./scenarios/picklist-race";
import type { StormResult } from "./scenarios/reconnect-storm";
import type { OutboundLatency, OutboundThroughput } from "./scenarios/sms";
import type { HeadroomStep } from "./scenarios/webchat";
import type { ScaleTimes } from "./scenarios/scale";
import { describeStalls } from "./harness-stalls";
import type { CommitProbeResult } from "./ceilings/commit-probe";

interface Target {
  label: string;
  value: number;
}

export class Rows {
  readonly all: Row[] = [];
  readonly notes: string[] = [];
  private base?: Baselines;

  private add(row: Row): void {
    this.all.push(row);
  }

  private zero(scenario: string, metric: string, value: number): void {
    this.add({ scenario, metric, value, unit: "", target: "= 0", pass: value === 0 });
  }

  private within(scenario: string, metric: string, value: number, unit: string, target: Target, factor: number, note?: string): void {
    // The ratio column shows value / baseline; the target is a multiple of that baseline.
    this.add({ scenario, metric, value, unit, baseline: target.label, baselineValue: target.value, target: `<= ${factor}x`, pass: value <= factor * target.value, note });
  }

  private atLeast(scenario: string, metric: string, value: number, unit: string, target: Target, factor: number, note?: string): void {
    this.add({ scenario, metric, value, unit, baseline: target.label, baselineValue: target.value, target: `>= ${factor}x`, pass: value >= factor * target.value, note });
  }

  baselines(b: Baselines): void {
    this.base = b;
    const row = (metric: string, value: number, unit: string) => this.add({ scenario: "baseline", metric, value, unit });
    row("B1 socket.io ack p50", b.b1.p50, "ms");
    row("B1 socket.io ack p99", b.b1.p99, "ms");
    row("B2 INSERT p50 (8 clients)", b.b2Insert.p50, "ms");
    row("B2 INSERT p99 (8 clients)", b.b2Insert.p99, "ms");
    row("B2 INSERT rate", b.b2Insert.perSecond, "rows/s");
    row("B2 claim UPDATE p50", b.b2Claim.p50, "ms");
    row("B2 claim UPDATE p99", b.b2Claim.p99, "ms");
    row("B2 claim rate", b.b2Claim.perSecond, "claims/s");
    row("B3 BullMQ no-op p50", b.b3.p50, "ms");
    row("B3 BullMQ no-op p99", b.b3.p99, "ms");
    row("B3 BullMQ jobs/s", b.b3.perSecond, "jobs/s");
    row("B3 BullMQ jobs/s, one at a time", b.b3.oneAtATimePerSecond, "jobs/s");
    row("B4 static TTFB p50", b.b4.p50, "ms");
    row("B4 static TTFB p95", b.b4.p95, "ms");
    row("B4 static TTFB p99", b.b4.p99, "ms");
  }

  private get b(): Baselines {
    if (!this.base) throw new Error("baselines first");
    return this.base;
  }

  deliveryTarget(): Target {
    return { label: "B1 p99 + B2 insert p99", value: this.b.b1.p99 + this.b.b2Insert.p99 };
  }

  workerTarget(): Target {
    return { label: "B3 p99 + B1 p99", value: this.b.b3.p99 + this.b.b1.p99 };
  }

  delivery(scenario: string, r: DeliveryResult, target: Target): void {
    this.add({ scenario, metric: "messages sent / received", value: r.sent, unit: `/ ${r.received}`, note: `achieved ${r.achievedRate.toFixed(1)} msg/s` });
    this.add({ scenario, metric: "latency p50", value: r.latency.p50, unit: "ms" });
    this.within(scenario, "latency p99", r.latency.p99, "ms", target, 3);
    this.zero(scenario, "lost", r.lost);
    this.zero(scenario, "duplicated", r.duplicated);
    this.zero(scenario, "out of order", r.outOfOrder);
    this.zero(scenario, "failed sends", r.failedSends);
  }

  /** The plain INSERT run alongside a scenario (bench/ceilings/commit-probe.ts): no target, shown against the scenario's baseline sum. */
  alongside(scenario: string, r: CommitProbeResult, target: Target): void {
    const failed = r.failed ? `, ${r.failed} failed` : "";
    const note = `B2's INSERT in plain SQL, ${r.perSecond}/s during the scenario, timed from when each was due: ${r.slow} of ${r.count} over 50 ms, max ${r.max.toFixed(0)} ms${failed}`;
    this.add({ scenario, metric: "plain INSERT alongside, p99", value: r.p99, unit: "ms", baseline: target.label, baselineValue: target.value, note });
  }

  outbound(r: OutboundLatency): void {
    const scenario = "3 agent->SMS provider";
    this.add({ scenario, metric: "messages sent / accepted", value: r.sent, unit: `/ ${r.accepted}` });
    this.add({ scenario, metric: "latency p50", value: r.latency.p50, unit: "ms" });
    this.within(scenario, "latency p99", r.latency.p99, "ms", this.workerTarget(), 3, "agent API send -> stand-in accepted the provider call (ms clock of two processes)");
    this.zero(scenario, "not accepted", r.sent - r.accepted);
    this.zero(scenario, "failed sends", r.failedSends);
  }

  /** Judged on the first burst; the second (warm) is shown beside it; nothing may be lost in either. */
  throughput(r: OutboundThroughput, providerMs: number, warm: OutboundThroughput): void {
    const scenario = `3 outbound burst (${providerMs} ms provider)`;
    const cpu = (b: OutboundThroughput) => {
      const perProcess = Object.entries(b.cpuMsPerText ?? {}).map(([name, ms]) => `${name} ${ms.toFixed(2)}`);
      return perProcess.length ? `; CPU per text, ms: ${perProcess.join(", ")}` : "";
    };
    const describe = (b: OutboundThroughput) => `${b.sent} sends in ${b.seconds.toFixed(1)} s; sends were accepted (acked) at ${b.apiPerSecond.toFixed(0)}/s${cpu(b)}`;
    this.add({ scenario, metric: "throughput", value: r.perSecond, unit: "msg/s", target: ">= 500 msg/s", pass: r.perSecond >= 500, note: describe(r) });
    this.atLeast(scenario, "throughput vs B3", r.perSecond, "msg/s", { label: "B3 jobs/s", value: this.b.b3.perSecond }, 0.8);
    // The issue defines B3 as one measurement ("add -> completed, p50/p99 and jobs/s"); read literally, its jobs/s is
    // the one-at-a-time loop's. The judged row keeps the stricter bulk figure; this one shows the literal reading.
    this.add({ scenario, metric: "throughput vs B3 one at a time", value: r.perSecond, unit: "msg/s", baseline: "B3 jobs/s, one at a time", baselineValue: this.b.b3.oneAtATimePerSecond, note: "B3's add -> completed loop, one job at a time; no verdict: the judged row above uses B3's bulk jobs/s" });
    this.add({ scenario, metric: "throughput, second burst (warm)", value: warm.perSecond, unit: "msg/s", baseline: "B3 jobs/s", baselineValue: this.b.b3.perSecond, note: describe(warm) });
    this.zero(scenario, "not accepted", r.sent - r.accepted + warm.sent - warm.accepted);
    this.zero(scenario, "failed sends", r.failedSends + warm.failedSends);
  }

  /** The minimal worker's burst (bench/ceilings): no target, a reference for reading the burst's ratio to B3. */
  burstCeiling(runs: BurstCeilingRun[], providerMs: number): void {
    const scenario = `3 burst, minimal worker (reference, ${providerMs} ms provider)`;
    for (const run of runs) {
      const lost = run.jobs - run.accepted;
      const invalid = lost || run.refused ? `; ${lost} not accepted, ${run.refused} refused: the figure is not valid` : "";
      this.add({ scenario, metric: `throughput, concurrency ${run.concurrency}`, value: run.perSecond, unit: "msg/s", baseline: "B3 jobs/s", baselineValue: this.b.b3.perSecond, note: `${run.jobs} jobs, each one provider call and nothing else${invalid}` });
    }
  }

  /** Judged on the first run; correctness on every run; the later (warm) runs are shown beside it. */
  race(runs: RaceResult[]): void {
    const scenario = "4 picklist race";
    const first = runs[0]!;
    const sum = (pick: (r: RaceResult) => number) => runs.reduce((total, r) => total + pick(r), 0);
    const b2 = { label: "B2 claim rate", value: this.b.b2Claim.perSecond };
    this.zero(scenario, "double claims", sum((r) => r.doubleClaims));
    this.add({ scenario, metric: "claimed once", value: sum((r) => r.uniqueClaimed), unit: `/ ${sum((r) => r.conversations)}`, target: "all", pass: runs.every((r) => r.uniqueClaimed === r.conversations && r.unclaimed === 0), note: `${runs.length} runs` });
    this.zero(scenario, "errors (not ok/CONFLICT)", sum((r) => r.errors));
    this.atLeast(scenario, "claims/s", first.claimsPerSecond, "claims/s", b2, 0.5, `first run: ${first.attempts} pick attempts in ${first.seconds.toFixed(2)} s; runs: ${runs.map((r) => r.claimsPerSecond.toFixed(0)).join(", ")} claims/s`);
    if (runs.length > 1) {
      this.add({ scenario, metric: "claims/s, best later run (warm)", value: Math.max(...runs.slice(1).map((r) => r.claimsPerSecond)), unit: "claims/s", baseline: b2.label, baselineValue: b2.value });
    }
  }

  /** The minimal server's race (bench/ceilings): no target, a reference for reading scenario 4's ratio. */
  raceCeiling(c: RaceCeiling): void {
    const scenario = "4 race, minimal server (reference)";
    const b2 = { baseline: "B2 claim rate", baselineValue: this.b.b2Claim.perSecond };
    const wrong = c.wrongRuns ? `; ${c.wrongRuns} run(s) claimed a card twice or left one: the figures are not valid` : "";
    this.add({ scenario, metric: "claims/s, first run (cold)", value: c.rates[0] ?? 0, unit: "claims/s", ...b2, note: `bare socket.io + one batched UPDATE on a primary-key-only table; runs: ${c.rates.map((r) => r.toFixed(0)).join(", ")} claims/s${wrong}` });
    if (c.rates.length > 1) this.add({ scenario, metric: "claims/s, best later run (warm)", value: Math.max(...c.rates.slice(1)), unit: "claims/s", ...b2 });
  }

  storm(r: StormResult): void {
    const scenario = "6 reconnect storm";
    this.add({ scenario, metric: "agents back", value: r.reconnected, unit: `/ ${r.agents}`, target: "all", pass: r.reconnected === r.agents });
    this.add({ scenario, metric: "back and caught up", value: r.backAndCaughtUpMs, unit: "ms", target: "<= 5000 ms", pass: r.backAndCaughtUpMs <= 5000 });
    this.zero(scenario, `missed (of ${r.sent})`, r.missed);
    this.zero(scenario, "duplicated live", r.duplicatedLive);
    this.zero(scenario, "failed sends", r.failedSends);
  }

  headroom(h: { steps: HeadroomStep[]; lowP99: number; knee: number }): void {
    const scenario = "5 headroom";
    for (const step of h.steps) {
      const note = `achieved ${step.achievedRate.toFixed(1)} msg/s, lost ${step.lost}, failed ${step.failedSends}; ${describeStalls(step.harness)}`;
      const row = { scenario, metric: `p99 at ${step.rate} msg/s`, value: step.p99, unit: "ms", baseline: "low-load p99", baselineValue: h.lowP99 };
      // The search raises the rate until a step fails, so its last step fails by construction: that step finds the
      // knee and is shown without a verdict (the knee row below is the judged one), with why it ended the search.
      if (step.rate > h.knee) this.add({ ...row, target: "ends the search", note: `ended the search: ${whyHeadroomEnded(step, h.lowP99)}; ${note}` });
      else this.add({ ...row, target: "<= 2x", pass: step.p99 <= 2 * h.lowP99, note });
    }
    this.add({ scenario, metric: "knee", value: h.knee, unit: "msg/s", target: ">= 160 msg/s", pass: h.knee >= 160 });
  }

  scale(empty: ScaleTimes, seeded: ScaleTimes, conversations: number, messages: number, seedSeconds: number): void {
    const scenario = `7 scale (${conversations} conv, ${messages} msg)`;
    this.notes.push(`scenario 7 seeded ${conversations} conversations / ${messages} messages in ${seedSeconds.toFixed(1)} s`);
    this.within(scenario, "conversation list p50", seeded.list.p50, "ms", { label: "same, empty DB", value: empty.list.p50 }, 1.5);
    this.within(scenario, "conversation view p50", seeded.view.p50, "ms", { label: "same, empty DB", value: empty.view.p50 }, 1.5);
    this.add({ scenario, metric: "console page TTFB p95 (empty DB)", value: empty.console.p95, unit: "ms", baseline: "B4 p95", baselineValue: this.b.b4.p95 });
    this.within(scenario, "console page TTFB p95", seeded.console.p95, "ms", { label: "B4 p95", value: this.b.b4.p95 }, 3);
  }
}

function whyHeadroomEnded(step: HeadroomStep, lowP99: number): string {
  const reasons = [];
  if (step.p99 > 2 * lowP99) reasons.push("p99 over twice the low-load p99");
  if (step.achievedRate < 0.9 * step.rate) reasons.push("the generator fell below 90 % of the rate");
  if (step.lost > 0) reasons.push(`${step.lost} lost`);
  if (step.failedSends > 0) reasons.push(`${step.failedSends} failed sends`);
  return reasons.join(", ");
}
