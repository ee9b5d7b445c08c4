/**
 * Scenario 4: every agent picks from the same waiting conversations as fast
 * as it can, dropping a card when the picklist says it is gone
 * (picklist:removed) or the pick answers "already picked". Checked: no
 * conversation claimed twice, every one claimed once.
 */
import { execute, sql } from "../fixtures";
import { ask } from "../socket-request";
import type { Socket } from "socket.io-client";
import { nowMs } from "../stats";
import type { World } from "../world";

export interface RaceResult {
  conversations: number;
  claims: number;
  uniqueClaimed: number;
  doubleClaims: number;
  unclaimed: number;
  attempts: number;
  errors: number;
  claimsPerSecond: number;
  seconds: number;
}

/** Waiting conversations in the race queue for one run of the race (fixtures: the public API has no "create waiting conversation"). */
export async function seedWaiting(companyId: string, queueId: string, addressId: string, count: number, run = 1): Promise<string[]> {
  const prefix = `bench-race-${run}-`;
  await execute(`INSERT INTO "Contact" (id, "companyId", name) SELECT $3 || 'contact-' || g, $1, 'Race customer ' || g FROM generate_series(1, $2::int) g`, companyId, count, prefix);
  await execute(
    `INSERT INTO "Conversation" (id, "companyId", "queueId", "channelAddressId", "contactId", channel, status, preview)
     SELECT $5 || g, $1, $2, $3, $5 || 'contact-' || g, 'WEBCHAT', 'WAITING', 'Waiting ' || g FROM generate_series(1, $4::int) g`,
    companyId, queueId, addressId, count, prefix,
  );
  // A thousand rows from nowhere a moment before the race: autovacuum has not seen them yet, as it would have on a
  // live system, and a plan made for the near-empty table (a hash join over a sequential scan) would be measured.
  await execute(`ANALYZE "Contact", "Conversation"`);
  return Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);
}

/** An agent in a race: its id and its open console socket. */
export interface Racer {
  id: string;
  socket: Socket;
}

export interface RaceRun {
  claims: Array<{ agentId: string; conversationId: string }>;
  attempts: number;
  errors: number;
  seconds: number;
}

/**
 * The agents' side of a race, as the console does it: each picks a random card still shown, drops the cards
 * that picklist:removed says went, and stops when it sees none left. Also drives the minimal server (bench/ceilings).
 */
export async function race(racers: Racer[], queueId: string, ids: string[], timeLimitSeconds: number): Promise<RaceRun> {
  const claims: Array<{ agentId: string; conversationId: string }> = [];
  let attempts = 0;
  let errors = 0;
  const started = nowMs();
  let lastClaim = started;
  const deadline = started + timeLimitSeconds * 1000;
  await Promise.all(
    racers.map(async (agent) => {
      const open = new Set(ids);
      const onRemoved = (event: { queueId: string; removed: Array<{ conversationId: string }> }) => {
        if (event.queueId === queueId) for (const gone of event.removed) open.delete(gone.conversationId);
      };
      agent.socket.on("picklist:removed", onRemoved);
      try {
        while (open.size > 0 && nowMs() < deadline && attempts < ids.length * 20) {
          // Agents look at different cards: a random one of those still shown.
          const index = Math.floor(Math.random() * open.size);
          let id = "";
          let i = 0;
          for (const candidate of open) if (i++ === index) { id = candidate; break; }
          open.delete(id);
          attempts += 1;
          // As the console picks: a socket request on the agent's open connection.
          const answer = await ask(agent.socket, "conversation:pick", { conversationId: id });
          // A pick retried after a lost answer is told it is already ours: that is this agent's claim.
          const mine = !answer.ok && answer.error.message.includes("already picked this conversation");
          if (answer.ok || mine) {
            claims.push({ agentId: agent.id, conversationId: id });
            lastClaim = nowMs();
          } else if (answer.error.code !== "CONFLICT") errors += 1;
        }
      } finally {
        agent.socket.off("picklist:removed", onRemoved);
      }
    }),
  );
  return { claims, attempts, errors, seconds: (lastClaim - started) / 1000 };
}

export async function picklistRace(world: World, queueId: string, ids: string[], timeLimitSeconds: number): Promise<RaceResult> {
  const { claims, attempts, errors, seconds } = await race(world.agents, queueId, ids, timeLimitSeconds);
  const unique = new Set(claims.map((c) => c.conversationId));
  // What the database says: one PICKED event per conversation, assignee = the agent told it won.
  const picked = await sql<{ id: string; picks: bigint; assigneeId: string | null }>(
    `SELECT c.id, c."assigneeId", (SELECT count(*) FROM "ConversationEvent" e WHERE e."conversationId" = c.id AND e.type = 'PICKED') AS picks
     FROM "Conversation" c WHERE c."queueId" = $1 AND c.id = ANY($2::text[])`,
    queueId,
    ids,
  );
  const winner = new Map(claims.map((c) => [c.conversationId, c.agentId]));
  const doubleInDb = picked.filter((row) => Number(row.picks) > 1 || (winner.has(row.id) && winner.get(row.id) !== row.assigneeId)).length;
  return {
    conversations: ids.length,
    claims: claims.length,
    uniqueClaimed: unique.size,
    doubleClaims: claims.length - unique.size + doubleInDb,
    unclaimed: picked.filter((row) => Number(row.picks) === 0).length,
    attempts,
    errors,
    claimsPerSecond: claims.length / Math.max(seconds, 0.001),
    seconds,
  };
}
