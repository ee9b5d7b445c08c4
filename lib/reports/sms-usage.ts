/**
 * SMS usage for administrators: texts in and out per number and per user per
 * day, over a chosen period. Counted in the database (GROUP BY day), never by
 * loading rows.
 *
 * Counting rules:
 * - SMS only: messages of queue conversations whose channel is SMS, and of
 *   widget rooms of kind SMS. WhatsApp and web chat never count.
 * - Inbound: INBOUND Message rows of SMS conversations, plus RoomMessage rows
 *   with a fromPhone (a phone texted into the room).
 * - Outbound: OUTBOUND Message rows of SMS conversations (SYSTEM rows are not
 *   texts), plus RoomDelivery rows: a room message to three phones is three
 *   SMS. Failed sends count as outbound and are also reported as `failed`.
 * - Per number: the conversation's channelAddressId, the room's fromAddressId.
 *   Room traffic of a number deleted since (fromAddressId is null) is shown on
 *   one "Removed number" row so the per-number rows add up to the totals.
 * - Per user: outbound by author (Message.authorUserId; for deliveries the
 *   RoomMessage.authorUserId). Inbound goes to the queue conversation's
 *   current assignee, and to every member of the room who had not left it when
 *   the text arrived, so per-user rows need not add up to the totals.
 * - Days are UTC calendar days; `to` is included. Always one company's data.
 * - Every SMS number of the company and every user with an assigned SMS number
 *   is listed, with zeros if quiet, so the table is complete.
 */
import { z } from "zod";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { AppError } from "../errors";
import type { Principal } from "../auth/principal";

export const SMS_USAGE_MAX_DAYS = 366;
export const SMS_USAGE_DEFAULT_DAYS = 7;

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date in the form YYYY-MM-DD.")
  .refine(isCalendarDay, "This is not a calendar date.");
const optionalDay = z.preprocess((value) => (value === "" ? undefined : value), isoDay.optional());

export const smsUsageQuerySchema = z.object({ from: optionalDay, to: optionalDay });
export type SmsUsageQuery = z.infer<typeof smsUsageQuerySchema>;

export interface SmsDayCount {
  day: string;
  inbound: number;
  outbound: number;
  /** Outbound texts the provider refused; already included in `outbound`. */
  failed: number;
}
export interface SmsUsageCounts {
  days: SmsDayCount[];
  inbound: number;
  outbound: number;
  failed: number;
}
export interface SmsNumberUsage extends SmsUsageCounts {
  /** Null for room traffic of a number that has been deleted. */
  addressId: string | null;
  number: string;
  label: string;
}
export interface SmsUserUsage extends SmsUsageCounts {
  userId: string;
  name: string;
}
export interface SmsUsageDto {
  from: string;
  to: string;
  days: string[];
  byNumber: SmsNumberUsage[];
  byUser: SmsUserUsage[];
  totals: SmsUsageCounts;
}

type CountRow = { key: string | null; day: string; inbound: number; outbound: number; failed: number };

/** SMS in/out per number and per user per UTC day for the caller's company (administrators). */
export async function getSmsUsage(options: { principal: Principal; query: SmsUsageQuery }): Promise<SmsUsageDto> {
  const companyId = options.principal.companyId;
  const { from, to, days } = resolvePeriod(options.query);
  const [numberRows, userRows] = await Promise.all([countPerNumber(companyId, from, to), countPerUser(companyId, from, to)]);

  const trafficAddressIds = distinctKeys(numberRows);
  const trafficUserIds = distinctKeys(userRows);
  const [addresses, users] = await Promise.all([
    db.channelAddress.findMany({
      where: { companyId, OR: [{ channel: "SMS" }, { id: { in: trafficAddressIds } }] },
      select: { id: true, address: true, label: true },
      orderBy: { address: "asc" },
    }),
    db.user.findMany({
      where: { companyId, OR: [{ numbers: { some: { address: { companyId, channel: "SMS" } } } }, { id: { in: trafficUserIds } }] },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
  ]);

  const byNumber: SmsNumberUsage[] = addresses.map((address) => ({ addressId: address.id, number: address.address, label: address.label, ...counts(days, numberRows, address.id) }));
  if (numberRows.some((row) => row.key === null)) byNumber.push({ addressId: null, number: "—", label: "Removed number", ...counts(days, numberRows, null) });
  const byUser: SmsUserUsage[] = users.map((user) => ({ userId: user.id, name: user.name, ...counts(days, userRows, user.id) }));
  return { from, to, days, byNumber, byUser, totals: counts(days, numberRows, undefined) };
}

/** Defaults to the last 7 days including today (UTC); refuses reversed or over-long periods. */
function resolvePeriod(query: SmsUsageQuery): { from: string; to: string; days: string[] } {
  const to = query.to ?? new Date().toISOString().slice(0, 10);
  const from = query.from ?? addDays(to, -(SMS_USAGE_DEFAULT_DAYS - 1));
  if (from > to) {
    throw new AppError("VALIDATION", `The start date (${from}) is after the end date (${to}). Choose a start date on or before the end date.`, [
      { path: "from", message: "Must be on or before the end date." },
    ]);
  }
  const length = Math.round((toUtcDate(to).getTime() - toUtcDate(from).getTime()) / 86_400_000) + 1;
  if (length > SMS_USAGE_MAX_DAYS) {
    throw new AppError("VALIDATION", `A period can be at most ${SMS_USAGE_MAX_DAYS} days; ${from} to ${to} is ${length} days.`, [
      { path: "from", message: `At most ${SMS_USAGE_MAX_DAYS} days before the end date.` },
    ]);
  }
  return { from, to, days: Array.from({ length }, (_, i) => addDays(from, i)) };
}

/** Texts (rows of `texts`: key, at, inbound, failed) counted per key and day; rows without a key are not counted. */
const perKeyAndDay = Prisma.sql`
  SELECT key, to_char(date_trunc('day', at), 'YYYY-MM-DD') AS day,
    count(*) FILTER (WHERE inbound)::int AS inbound,
    count(*) FILTER (WHERE NOT inbound)::int AS outbound,
    count(*) FILTER (WHERE NOT inbound AND failed)::int AS failed
  FROM texts WHERE key IS NOT NULL GROUP BY 1, 2`;

/** The period's days, from and to included. */
const inPeriod = (column: Prisma.Sql, from: string, to: string) => Prisma.sql`${column} >= ${from}::date AND ${column} < ${to}::date + 1`;

function countPerNumber(companyId: string, from: string, to: string): Promise<CountRow[]> {
  return db.$queryRaw<CountRow[]>`
    WITH texts AS (
      SELECT c."channelAddressId" AS key, m."createdAt" AS at, m.direction = 'INBOUND' AS inbound, m.status = 'FAILED' AS failed
      FROM "Message" m JOIN "Conversation" c ON c.id = m."conversationId"
      WHERE c."companyId" = ${companyId} AND c.channel = 'SMS' AND m.direction IN ('INBOUND', 'OUTBOUND')
        AND ${inPeriod(Prisma.sql`m."createdAt"`, from, to)}
      UNION ALL
      SELECT r."fromAddressId", rm."createdAt", true, false
      FROM "RoomMessage" rm JOIN "Room" r ON r.id = rm."roomId"
      WHERE r."companyId" = ${companyId} AND r.kind = 'SMS' AND rm."fromPhone" IS NOT NULL
        AND ${inPeriod(Prisma.sql`rm."createdAt"`, from, to)}
      UNION ALL
      SELECT r."fromAddressId", d."createdAt", false, d.status = 'FAILED'
      FROM "RoomDelivery" d JOIN "RoomMessage" rm ON rm.id = d."roomMessageId" JOIN "Room" r ON r.id = rm."roomId"
      WHERE r."companyId" = ${companyId} AND r.kind = 'SMS'
        AND ${inPeriod(Prisma.sql`d."createdAt"`, from, to)}
    )
    ${perKeyAndDay}`;
}

function countPerUser(companyId: string, from: string, to: string): Promise<CountRow[]> {
  return db.$queryRaw<CountRow[]>`
    WITH texts AS (
      SELECT CASE WHEN m.direction = 'INBOUND' THEN c."assigneeId" ELSE m."authorUserId" END AS key,
        m."createdAt" AS at, m.direction = 'INBOUND' AS inbound, m.status = 'FAILED' AS failed
      FROM "Message" m JOIN "Conversation" c ON c.id = m."conversationId"
      WHERE c."companyId" = ${companyId} AND c.channel = 'SMS' AND m.direction IN ('INBOUND', 'OUTBOUND')
        AND ${inPeriod(Prisma.sql`m."createdAt"`, from, to)}
      UNION ALL
      SELECT mem."userId", rm."createdAt", true, false
      FROM "RoomMessage" rm JOIN "Room" r ON r.id = rm."roomId"
        JOIN "RoomMember" mem ON mem."roomId" = r.id AND (mem."leftAt" IS NULL OR mem."leftAt" > rm."createdAt")
      WHERE r."companyId" = ${companyId} AND r.kind = 'SMS' AND rm."fromPhone" IS NOT NULL
        AND ${inPeriod(Prisma.sql`rm."createdAt"`, from, to)}
      UNION ALL
      SELECT rm."authorUserId", d."createdAt", false, d.status = 'FAILED'
      FROM "RoomDelivery" d JOIN "RoomMessage" rm ON rm.id = d."roomMessageId" JOIN "Room" r ON r.id = rm."roomId"
      WHERE r."companyId" = ${companyId} AND r.kind = 'SMS'
        AND ${inPeriod(Prisma.sql`d."createdAt"`, from, to)}
    )
    ${perKeyAndDay}`;
}

/** One entry per day of the period (zeros included) and the sums; `key` undefined sums every row. */
function counts(days: string[], rows: CountRow[], key: string | null | undefined): SmsUsageCounts {
  const perDay = new Map(days.map((day) => [day, { day, inbound: 0, outbound: 0, failed: 0 }]));
  const sums = { inbound: 0, outbound: 0, failed: 0 };
  for (const row of rows) {
    const entry = perDay.get(row.day);
    if (!entry || (key !== undefined && row.key !== key)) continue;
    entry.inbound += row.inbound;
    entry.outbound += row.outbound;
    entry.failed += row.failed;
    sums.inbound += row.inbound;
    sums.outbound += row.outbound;
    sums.failed += row.failed;
  }
  return { days: [...perDay.values()], ...sums };
}

function distinctKeys(rows: CountRow[]): string[] {
  return [...new Set(rows.map((row) => row.key).filter((key): key is string => key !== null))];
}

function isCalendarDay(day: string): boolean {
  const date = toUtcDate(day);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

function toUtcDate(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

function addDays(day: string, offset: number): string {
  const date = toUtcDate(day);
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
}
