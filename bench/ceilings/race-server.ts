/**
 * The picklist race's reference ceiling: the least a server can do for a pick
 * and still be correct. A bare socket.io server (no adapter, no auth) that
 * claims with one conditional UPDATE per batch of picks (group commit, as
 * Parley does) on a table with a primary key only, answers each pick in
 * Parley's ack format and tells every client which cards went, once per batch.
 * No events, no summaries, no queues or memberships. Prints its port.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { Server } from "socket.io";
import { inFlightBatches } from "../../lib/batching";
import { CEILING_SCHEMA } from "./schema";

const db = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });

interface Pick {
  conversationId: string;
  agentId: string;
}

const claim = inFlightBatches(async (picks: Pick[]): Promise<boolean[]> => {
  // Several askers of one card in a batch: the first one asking gets it.
  const { rows } = await db.query<{ asked: string }>({
    name: "ceiling-claim",
    text: `WITH asked AS (
        SELECT DISTINCT ON (id) id, agent, n FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS r(id, agent, n) ORDER BY id, n
      )
      UPDATE ${CEILING_SCHEMA}.conversation AS c SET status = 'ACTIVE', assignee_id = asked.agent, picked_at = now()
      FROM asked WHERE c.id = asked.id AND c.status = 'WAITING' RETURNING asked.n AS asked`,
    values: [picks.map((p) => p.conversationId), picks.map((p) => p.agentId)],
  });
  const won = new Set(rows.map((row) => Number(row.asked) - 1));
  return picks.map((_, i) => won.has(i));
});

const httpServer = createServer();
const io = new Server(httpServer, { serveClient: false });
let removedThisTick: string[] = [];

io.on("connection", (socket) => {
  const agentId = String(socket.handshake.auth.agentId ?? socket.id);
  socket.on("conversation:pick", async (payload: { conversationId?: unknown }, ack: (answer: unknown) => void) => {
    if (typeof payload?.conversationId !== "string") return ack({ ok: false, error: { code: "VALIDATION", message: "conversationId is required" } });
    const conversationId = payload.conversationId;
    try {
      if (!(await claim({ conversationId, agentId }))) return ack({ ok: false, error: { code: "CONFLICT", message: "Already picked" } });
      ack({ ok: true, data: { conversation: { id: conversationId } } });
      // The cards won in one batch leave every picklist in one event.
      if (removedThisTick.push(conversationId) === 1) {
        queueMicrotask(() => {
          io.emit("picklist:removed", { queueId: "ceiling", removed: removedThisTick.map((id) => ({ conversationId: id, reason: "picked" })) });
          removedThisTick = [];
        });
      }
    } catch (error) {
      ack({ ok: false, error: { code: "INTERNAL", message: String(error) } });
    }
  });
});

httpServer.listen(0, "127.0.0.1", () => console.log(`port=${(httpServer.address() as AddressInfo).port}`));
process.on("SIGTERM", () => void db.end().finally(() => process.exit(0)));
