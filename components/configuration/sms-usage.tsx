"use client";

/**
 * SMS usage on the admin home: a period picker, a bar chart of texts in and
 * out per day (all numbers, one number or one user), and the same counts in
 * two tables, so the chart is never the only way to read them.
 */
import { useRef, useState, type FormEvent } from "react";
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import type { SmsUsageCounts, SmsUsageDto } from "@/lib/reports/sms-usage";
import { api, ApiError } from "@/components/common/api-client";

const IN_COLOR = "#2f6fe4";
const OUT_COLOR = "#0f766e";
const ALL = "all";

const dayLabel = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const fullDayLabel = new Intl.DateTimeFormat("en-US", { weekday: "short", year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
const shortDay = (day: string) => dayLabel.format(new Date(`${day}T00:00:00Z`));
const longDay = (day: string) => fullDayLabel.format(new Date(`${day}T00:00:00Z`));

function daysBack(count: number): { from: string; to: string } {
  const today = new Date();
  const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - (count - 1)));
  return { from: start.toISOString().slice(0, 10), to: today.toISOString().slice(0, 10) };
}

interface Series {
  key: string;
  name: string;
  detail?: string;
  counts: SmsUsageCounts;
}

const numberKey = (addressId: string | null) => `number:${addressId ?? "removed"}`;

export function SmsUsage({ initial }: { initial: SmsUsageDto }) {
  const [usage, setUsage] = useState(initial);
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const [shown, setShown] = useState(ALL);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const inFlight = useRef<AbortController | null>(null);

  async function load(period: { from: string; to: string }) {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    setFrom(period.from);
    setTo(period.to);
    setError(null);
    setLoading(true);
    try {
      const query = new URLSearchParams(period).toString();
      setUsage(await api<SmsUsageDto>(`/api/v1/reports/sms-usage?${query}`, { signal: controller.signal }));
    } catch (e) {
      if (controller.signal.aborted) return;
      setError(e instanceof ApiError ? e.message : "Could not load SMS usage.");
    } finally {
      if (inFlight.current === controller) setLoading(false);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void load({ from, to });
  }

  const numbers: Series[] = usage.byNumber.map((n) => ({ key: numberKey(n.addressId), name: n.number, detail: n.label, counts: n }));
  const users: Series[] = usage.byUser.map((u) => ({ key: `user:${u.userId}`, name: u.name, counts: u }));
  const all: Series = { key: ALL, name: "All numbers", counts: usage.totals };
  const selected = [...numbers, ...users].find((s) => s.key === shown) ?? all;

  return (
    <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" aria-busy={loading}>
      <form onSubmit={submit} aria-label="SMS usage period" className="flex flex-wrap items-end gap-3">
        <label className="text-sm font-medium">From
          <input type="date" required value={from} onChange={(e) => setFrom(e.target.value)} className="mt-1 block rounded-md border border-slate-300 px-2 py-1.5 text-sm" />
        </label>
        <label className="text-sm font-medium">To
          <input type="date" required value={to} onChange={(e) => setTo(e.target.value)} className="mt-1 block rounded-md border border-slate-300 px-2 py-1.5 text-sm" />
        </label>
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white">Show</button>
        <div role="group" aria-label="Quick periods" className="flex gap-2">
          <button type="button" onClick={() => void load(daysBack(7))} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">7 days</button>
          <button type="button" onClick={() => void load(daysBack(30))} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">30 days</button>
        </div>
        <label className="ml-auto text-sm font-medium">Chart shows
          <select value={selected.key} onChange={(e) => setShown(e.target.value)} className="mt-1 block rounded-md border border-slate-300 px-2 py-1.5 text-sm">
            <option value={ALL}>All numbers</option>
            {numbers.length ? <optgroup label="Numbers">{numbers.map((s) => <option key={s.key} value={s.key}>{s.name}{s.detail ? ` (${s.detail})` : ""}</option>)}</optgroup> : null}
            {users.length ? <optgroup label="Users">{users.map((s) => <option key={s.key} value={s.key}>{s.name}</option>)}</optgroup> : null}
          </select>
        </label>
      </form>
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
      <p role="status" className="text-sm text-slate-600">
        {loading ? "Loading…" : `${longDay(usage.from)} to ${longDay(usage.to)} (UTC days): ${usage.totals.inbound} in, ${usage.totals.outbound} out${usage.totals.failed ? `, ${usage.totals.failed} failed` : ""}.`}
      </p>
      <UsageChart series={selected} />
      <UsageTable caption="Per number" rowHeader="Number" days={usage.days} rows={numbers} footer={all} empty="This company has no SMS numbers."
        note="Texts in / out per day. Failed sends count as out and are also listed under Failed." />
      <UsageTable caption="Per user" rowHeader="User" days={usage.days} rows={users} empty="No user has an SMS number, and nobody texted in this period."
        note="Out: texts the user wrote (a group SMS counts once per phone). In: texts in the user's assigned conversations and in widget conversations the user is in, so these rows need not add up to the totals." />
    </div>
  );
}

function UsageChart({ series }: { series: Series }) {
  const data = series.counts.days.map((d) => ({ label: shortDay(d.day), In: d.inbound, Out: d.outbound }));
  return (
    <figure aria-labelledby="sms-usage-chart-caption">
      <figcaption id="sms-usage-chart-caption" className="text-sm font-medium">
        SMS per day: {series.name}{series.detail ? ` (${series.detail})` : ""}, {series.counts.inbound} in, {series.counts.outbound} out
      </figcaption>
      <p className="sr-only">The tables below list the same numbers.</p>
      <div className="mt-2 h-64 w-full" data-testid="sms-usage-chart">
        <BarChart responsive data={data} style={{ width: "100%", height: "100%" }} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend />
          <Bar dataKey="In" fill={IN_COLOR} isAnimationActive={false} />
          <Bar dataKey="Out" fill={OUT_COLOR} isAnimationActive={false} />
        </BarChart>
      </div>
    </figure>
  );
}

function CountCell({ inbound, outbound, day }: { inbound: number; outbound: number; day: string }) {
  return (
    <td className={`whitespace-nowrap px-2 py-1 text-right tabular-nums ${inbound + outbound === 0 ? "text-slate-400" : ""}`} title={longDay(day)}>
      <span aria-hidden="true">{inbound} / {outbound}</span>
      <span className="sr-only">{inbound} in, {outbound} out</span>
    </td>
  );
}

function UsageRow({ series, strong = false }: { series: Series; strong?: boolean }) {
  return (
    <tr className="border-t border-slate-100">
      <th scope="row" className={`sticky left-0 bg-white px-2 py-1 text-left ${strong ? "font-semibold" : "font-normal"}`}>
        <span className="whitespace-nowrap">{series.name}</span>
        {series.detail ? <span className="block text-xs text-slate-500">{series.detail}</span> : null}
      </th>
      {series.counts.days.map((d) => <CountCell key={d.day} day={d.day} inbound={d.inbound} outbound={d.outbound} />)}
      <td data-testid="total-in" className="px-2 py-1 text-right font-medium tabular-nums">{series.counts.inbound}</td>
      <td data-testid="total-out" className="px-2 py-1 text-right font-medium tabular-nums">{series.counts.outbound}</td>
      <td data-testid="total-failed" className="px-2 py-1 text-right tabular-nums">{series.counts.failed}</td>
    </tr>
  );
}

function UsageTable(props: { caption: string; rowHeader: string; note: string; empty: string; days: string[]; rows: Series[]; footer?: Series }) {
  const noteId = `sms-usage-${props.rowHeader.toLowerCase()}-note`;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm" aria-describedby={noteId}>
        <caption className="mb-1 text-left text-base font-semibold">{props.caption}</caption>
        <thead>
          <tr className="text-xs text-slate-600">
            <th scope="col" className="sticky left-0 bg-white px-2 py-1 text-left">{props.rowHeader}</th>
            {props.days.map((day) => <th key={day} scope="col" className="whitespace-nowrap px-2 py-1 text-right font-medium"><abbr title={longDay(day)} className="no-underline">{shortDay(day)}</abbr></th>)}
            <th scope="col" className="px-2 py-1 text-right">In</th>
            <th scope="col" className="px-2 py-1 text-right">Out</th>
            <th scope="col" className="px-2 py-1 text-right">Failed</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.length ? props.rows.map((series) => <UsageRow key={series.key} series={series} />) : (
            <tr><td colSpan={props.days.length + 4} className="px-2 py-2 text-slate-500">{props.empty}</td></tr>
          )}
        </tbody>
        {props.footer ? <tfoot className="border-t-2 border-slate-200"><UsageRow series={props.footer} strong /></tfoot> : null}
      </table>
      <p id={noteId} className="mt-1 text-xs text-slate-500">{props.note}</p>
    </div>
  );
}
