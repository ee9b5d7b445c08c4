/**
 * Scenario 7: the same agent's conversation list, conversation view and
 * console page, timed on the (almost) empty database and again after other
 * teams' history has been seeded in bulk (INSERT ... SELECT generate_series).
 */
import { execute } from "../fixtures";
import { request, ttfb } from "../http";
import { nowMs, summarize, type Summary } from "../stats";

export interface ScaleTimes {
  list: Summary;
  view: Summary;
  console: Summary;
}

export async function timeConsole(agent: { token: string; cookie: string; conversationIds: string[] }, count: number): Promise<ScaleTimes> {
  const list: number[] = [];
  const view: number[] = [];
  const page: number[] = [];
  for (let i = 0; i < count + 5; i += 1) {
    let started = nowMs();
    const listed = await request<{ items: unknown[] }>("GET", "/api/v1/conversations", { token: agent.token });
    if (listed.status !== 200) throw new Error(`conversation list answered ${listed.status}`);
    const listMs = nowMs() - started;
    const id = agent.conversationIds[i % agent.conversationIds.length]!;
    started = nowMs();
    const viewed = await request("GET", `/api/v1/conversations/${id}/messages`, { token: agent.token });
    if (viewed.status !== 200) throw new Error(`conversation view answered ${viewed.status}`);
    const viewMs = nowMs() - started;
    const { ms, status } = await ttfb("/conversations", { cookie: agent.cookie });
    if (status !== 200) throw new Error(`console page answered ${status}`);
    if (i >= 5) {
      list.push(listMs);
      view.push(viewMs);
      page.push(ms);
    }
  }
  return { list: summarize(list), view: summarize(view), console: summarize(page) };
}

/** Seeds `conversations` conversations with `perConversation` messages each, for the other agents; returns seconds taken. */
export async function seedHistory(options: { companyId: string; queueId: string; addressId: string; agentIds: string[]; conversations: number; perConversation: number }): Promise<number> {
  const { companyId, queueId, addressId, agentIds, conversations, perConversation } = options;
  const started = nowMs();
  await execute(`INSERT INTO "Contact" (id, "companyId", name, "createdAt") SELECT 'bench-seed-contact-' || g, $1, 'Seeded customer ' || g, now() - interval '30 days' FROM generate_series(1, $2::int) g`, companyId, conversations);
  // One in five still active with one of the load agents, the rest ended.
  await execute(
    `INSERT INTO "Conversation" (id, "companyId", "queueId", "channelAddressId", "contactId", channel, status, "assigneeId", "pickedAt", "arrivedAt", "lastMessageAt", "endedAt", "lastSeq", preview)
     SELECT 'bench-seed-' || g, $1, $2, $3, 'bench-seed-contact-' || g, 'WEBCHAT',
       (CASE WHEN g % 5 = 0 THEN 'ACTIVE' ELSE 'ENDED' END)::"ConversationStatus", ($4::text[])[1 + g % array_length($4::text[], 1)],
       now() - interval '29 days', now() - interval '30 days', now() - make_interval(mins => g), CASE WHEN g % 5 = 0 THEN NULL ELSE now() - make_interval(mins => g) END,
       $5::int, 'Seeded conversation ' || g
     FROM generate_series(1, $6::int) g`,
    companyId, queueId, addressId, agentIds, perConversation, conversations,
  );
  const batch = 1000;
  for (let from = 1; from <= conversations; from += batch) {
    const to = Math.min(conversations, from + batch - 1);
    await execute(
      `INSERT INTO "Message" (id, "conversationId", seq, direction, body, status, "authorUserId", "createdAt", "updatedAt")
       SELECT 'bench-seed-' || c || '-' || s, 'bench-seed-' || c, s, (CASE WHEN s % 2 = 0 THEN 'OUTBOUND' ELSE 'INBOUND' END)::"MessageDirection",
         'Seeded message ' || s || ': a question about an order, its delivery date, and whether a refund is possible.',
         (CASE WHEN s % 2 = 0 THEN 'READ' ELSE 'RECEIVED' END)::"MessageStatus",
         CASE WHEN s % 2 = 0 THEN ($3::text[])[1 + c % array_length($3::text[], 1)] END,
         now() - interval '30 days' + make_interval(secs => s), now()
       FROM generate_series($1::int, $2::int) c, generate_series(1, $4::int) s`,
      from, to, agentIds, perConversation,
    );
  }
  await execute(`ANALYZE "Contact", "Conversation", "Message"`);
  return (nowMs() - started) / 1000;
}
