/**
 * queryRows (lib/db.ts) runs the hot statements on Prisma's pool without its
 * query interpreter. Its rows must read exactly as $queryRaw's would, and
 * its errors must still be recognised by the callers that retry on them.
 */
import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import pg from "pg";
import { db, queryRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { isUniqueViolation } from "@/lib/db-errors";
import { contactCenter, customerWrites } from "../../support/conversations";

const zoneBefore = process.env.TZ;

afterEach(() => {
  process.env.TZ = zoneBefore;
});

describe("queryRows", () => {
  // First in the file: before any Prisma query, whose adapter would attach a listener of its own.
  it("survives PostgreSQL ending its idle connections, and the next statement runs on a new one", async () => {
    const rows = await Promise.all(Array.from({ length: 3 }, () => queryRows<{ pid: number }>(Prisma.sql`SELECT pg_backend_pid() AS pid FROM pg_sleep(0.02)`)));
    const pids = [...new Set(rows.map(([row]) => row!.pid))];
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      await admin.query("SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid", [pids]);
    } finally {
      await admin.end();
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const [after] = await queryRows<{ pid: number }>(Prisma.sql`SELECT pg_backend_pid() AS pid`);
    expect(pids).not.toContain(after!.pid);
  });

  it("reads timestamps as UTC, JSON as values, enums as text and NULL as null, like $queryRaw, in any time zone", async () => {
    const center = await contactCenter({ agents: 1 });
    const { message } = await customerWrites(center.company.id, center.address.id, "What time is it?");
    // pg's own timestamp parser reads local time: in New York it would be five hours off.
    process.env.TZ = "America/New_York";
    const statement = Prisma.sql`
      SELECT m."createdAt", m.status::text AS status, m."authorUserId", json_build_object('seq', m.seq) AS extra
      FROM "Message" AS m WHERE m.id = ${message.id}`;
    const [row] = await queryRows<{ createdAt: Date; status: string; authorUserId: string | null; extra: { seq: number } }>(statement);
    const [viaPrisma] = await db.$queryRaw<Array<typeof row>>(statement);
    const stored = await db.message.findUniqueOrThrow({ where: { id: message.id }, select: { createdAt: true } });

    expect(row!.createdAt).toBeInstanceOf(Date);
    expect(row!.createdAt.getTime()).toBe(stored.createdAt.getTime());
    expect(row).toEqual(viaPrisma);
    expect(row).toMatchObject({ status: "RECEIVED", authorUserId: null, extra: { seq: message.seq } });
  });

  it("passes dates as the UTC instants they are", async () => {
    process.env.TZ = "Asia/Kolkata";
    const at = new Date("2026-12-05T10:00:00.000Z");
    const [row] = await queryRows<{ at: Date; text: string }>(Prisma.sql`SELECT ${at}::timestamp(3) AS at, ${at}::timestamp(3)::text AS text`);
    expect(row!.text).toBe("2026-12-05 10:00:00");
    expect(row!.at.getTime()).toBe(at.getTime());
  });

  it("a unique violation is recognised as one, as from Prisma", async () => {
    const center = await contactCenter({ agents: 1 });
    const { message } = await customerWrites(center.company.id, center.address.id);
    const duplicate = Prisma.sql`INSERT INTO "Message" (id, "conversationId", seq, direction, body, status, "createdAt", "updatedAt")
      VALUES (${message.id}, ${message.conversationId}, 99, 'INBOUND', 'again', 'RECEIVED', now(), now()) RETURNING id`;
    const error = await queryRows(duplicate).catch((caught: unknown) => caught);
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(await db.$queryRaw(duplicate).catch((caught: unknown) => caught))).toBe(true);
  });

  it("db.$disconnect() ends the shared pool, so a script that used both exits", () => {
    const script = `import { db, queryRows } from "./lib/db.ts"; import { Prisma } from "./lib/generated/prisma/client.ts";
      await queryRows(Prisma.sql\`SELECT 1\`); await db.user.count(); await db.$disconnect(); console.log("done");`;
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: process.cwd(), env: process.env, timeout: 20_000, encoding: "utf8" });
    expect(run.stdout).toContain("done");
    expect(run.signal).toBeNull(); // not killed at the timeout: the open pool would have kept it running
    expect(run.status).toBe(0);
  }, 30_000);
});
