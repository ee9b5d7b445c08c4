/**
 * Scenario 4's reference ceiling: the same race (same agents' loop, same number of cards) against the
 * minimal server of race-server.ts, run several times in a row on a fresh table each time. The first run
 * starts as cold as Parley's race does; the later ones show what the bare stack does warm. Not a target:
 * it tells a reader how much of B2 any socket.io + PostgreSQL server reaches on this machine.
 */
import { io as connect, type Socket } from "socket.io-client";
import { execute, sql } from "../fixtures";
import { startChildServer } from "../child-server";
import { race } from "../scenarios/picklist-race";
import { whenConnected } from "../world";
import { CEILING_SCHEMA } from "./schema";

export interface RaceCeiling {
  /** claims/s of each run, in order. */
  rates: number[];
  /** Runs where a card was claimed twice or not at all, by the answers or the table (the minimal server must be correct too). */
  wrongRuns: number;
}

export async function raceCeiling(root: string, agents: number, cards: number, runs: number): Promise<RaceCeiling> {
  await execute(`DROP SCHEMA IF EXISTS ${CEILING_SCHEMA} CASCADE`);
  await execute(`CREATE SCHEMA ${CEILING_SCHEMA}`);
  await execute(`CREATE TABLE ${CEILING_SCHEMA}.conversation (id text PRIMARY KEY, status text NOT NULL, assignee_id text, picked_at timestamptz)`);
  const server = await startChildServer(root, "ceilings/race-server.ts");
  const sockets: Socket[] = [];
  try {
    for (let i = 0; i < agents; i += 1) {
      sockets.push(connect(`http://127.0.0.1:${server.port}`, { transports: ["websocket"], forceNew: true, auth: { agentId: `ceiling-agent-${i}` } }));
    }
    await whenConnected(sockets);
    const racers = sockets.map((socket, i) => ({ id: `ceiling-agent-${i}`, socket }));
    const ids = Array.from({ length: cards }, (_, i) => `ceiling-${i + 1}`);
    const rates: number[] = [];
    let wrongRuns = 0;
    for (let run = 0; run < runs; run += 1) {
      await execute(`TRUNCATE ${CEILING_SCHEMA}.conversation`);
      await execute(`INSERT INTO ${CEILING_SCHEMA}.conversation (id, status) SELECT 'ceiling-' || g, 'WAITING' FROM generate_series(1, $1::int) g`, cards);
      await execute(`ANALYZE ${CEILING_SCHEMA}.conversation`);
      const result = await race(racers, "ceiling", ids, 60);
      const unique = new Set(result.claims.map((c) => c.conversationId)).size;
      const [stored] = await sql<{ claimed: number }>(`SELECT count(*)::int AS claimed FROM ${CEILING_SCHEMA}.conversation WHERE status = 'ACTIVE'`);
      if (unique !== cards || result.claims.length !== cards || result.errors > 0 || stored?.claimed !== cards) wrongRuns += 1;
      rates.push(result.claims.length / Math.max(result.seconds, 0.001));
    }
    return { rates, wrongRuns };
  } finally {
    for (const socket of sockets) socket.disconnect();
    server.stop();
    await execute(`DROP SCHEMA IF EXISTS ${CEILING_SCHEMA} CASCADE`).catch(() => undefined);
  }
}
