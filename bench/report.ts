/**
 * The result table: every figure beside the baseline it is judged against
 * (measured in the same run), the ratio, the target and PASS / MISS.
 * Printed to the console and written to bench/results/latest.{json,md}.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface Row {
  scenario: string;
  metric: string;
  value: number;
  unit: string;
  /** What the figure is compared with, e.g. "3 x (B1 p99 + B2 insert p99)"; empty for baselines and counts. */
  baseline?: string;
  baselineValue?: number;
  /** The target as text, e.g. "<= 3.0x" or "= 0". */
  target?: string;
  pass?: boolean;
  note?: string;
}

export interface Report {
  startedAt: string;
  finishedAt: string;
  mode: "quick" | "full";
  machine: { cpus: number; node: string; platform: string };
  rows: Row[];
  notes: string[];
}

function fmt(value: number | undefined): string {
  if (value === undefined) return "";
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function ratio(row: Row): string {
  if (row.baselineValue === undefined || !row.baselineValue) return "";
  return `${fmt(row.value / row.baselineValue)}x`;
}

function verdict(row: Row): string {
  return row.pass === undefined ? "" : row.pass ? "PASS" : "MISS";
}

const HEADERS = ["scenario", "metric", "value", "baseline", "base value", "ratio", "target", "result"];

function cells(row: Row): string[] {
  return [row.scenario, row.metric, `${fmt(row.value)} ${row.unit}`.trim(), row.baseline ?? "", fmt(row.baselineValue), ratio(row), row.target ?? "", verdict(row)];
}

export function renderText(report: Report): string {
  const table = [HEADERS, ...report.rows.map(cells)];
  const widths = HEADERS.map((_, i) => Math.max(...table.map((line) => line[i]!.length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i]!)).join("  ").trimEnd();
  const out = [line(HEADERS), widths.map((w) => "-".repeat(w)).join("  "), ...report.rows.map((row) => line(cells(row)))];
  const misses = report.rows.filter((row) => row.pass === false).length;
  const passes = report.rows.filter((row) => row.pass === true).length;
  out.push("", `${passes} PASS, ${misses} MISS (${report.mode} run, ${report.machine.cpus} CPUs, node ${report.machine.node})`);
  for (const note of report.notes) out.push(`note: ${note}`);
  return out.join("\n");
}

export function renderMarkdown(report: Report): string {
  const escape = (v: string) => v.replaceAll("|", "\\|");
  const lines = [
    `# Parley benchmark (${report.mode})`,
    "",
    `Started ${report.startedAt}, finished ${report.finishedAt}; ${report.machine.cpus} CPUs, node ${report.machine.node}, ${report.machine.platform}.`,
    "",
    `| ${HEADERS.join(" | ")} |`,
    `| ${HEADERS.map(() => "---").join(" | ")} |`,
    ...report.rows.map((row) => `| ${cells(row).map(escape).join(" | ")} |`),
    "",
  ];
  const noted = report.rows.filter((row) => row.note);
  if (noted.length) lines.push("## Row notes", "", ...noted.map((row) => `- **${row.scenario} / ${row.metric}**: ${row.note}`), "");
  if (report.notes.length) lines.push("## Notes", "", ...report.notes.map((n) => `- ${n}`), "");
  return lines.join("\n");
}

export function writeReport(report: Report, dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "latest.json"), JSON.stringify(report, null, 2) + "\n");
  writeFileSync(join(dir, "latest.md"), renderMarkdown(report));
}
