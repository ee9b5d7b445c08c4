/**
 * The bench's data, written straight into parley_bench (as tests/support
 * does): one company, a pick-mode queue with the agents, a second queue for
 * the picklist race, a web-chat entry, an SMS number on the stand-in, API
 * tokens, and a "scale" agent with a fixed set of its own conversations for
 * scenario 7. Everything else is created through the public interfaces.
 */
import { encode } from "next-auth/jwt";
import { db } from "../lib/db";
import { env } from "../lib/env";
import { generateApiToken, hashApiToken } from "../lib/auth/api-tokens";
import { STAND_IN_URL } from "./stack";

export const WEBCHAT_ENTRY = "bench-chat";
export const SMS_NUMBER = "+15550199000";
/** The stand-in's default Twilio credentials (stand-in/config.ts). */
const TWILIO_ACCOUNT = "AC00000000000000000000000000000000";
const TWILIO_TOKEN = "stand-in-twilio-token";
/** The bench number's provider account, for the burst's reference worker (bench/ceilings/burst-ceiling.ts). */
export const SMS_ACCOUNT = { account: TWILIO_ACCOUNT, secret: TWILIO_TOKEN, from: SMS_NUMBER };

export interface Agent {
  id: string;
  name: string;
  token: string;
}

export interface Fixtures {
  companyId: string;
  queueId: string;
  raceQueueId: string;
  webchatAddressId: string;
  smsAddressId: string;
  agents: Agent[];
  scaleAgent: Agent & { cookie: string; conversationIds: string[] };
}

/** Empties the bench database (every row hangs off a company). */
export async function resetDatabase(): Promise<void> {
  await db.$executeRawUnsafe('TRUNCATE "Company" CASCADE');
}

async function createAgent(companyId: string, index: number, label: string): Promise<Agent> {
  const user = await db.user.create({
    data: { companyId, email: `${label}-${index}@bench.parley`, name: `Bench ${label} ${index}`, role: "AGENT", passwordHash: "!bench-no-password" },
    select: { id: true, name: true },
  });
  const token = generateApiToken();
  await db.apiToken.create({ data: { userId: user.id, name: "bench", tokenHash: hashApiToken(token) } });
  return { id: user.id, name: user.name, token };
}

export async function createFixtures(options: { agents: number; scaleConversations: number; scaleMessages: number }): Promise<Fixtures> {
  const company = await db.company.create({ data: { name: "Bench Co", slug: "bench-co", filePolicy: { create: {} } } });
  const agents: Agent[] = [];
  for (let i = 0; i < options.agents; i += 1) agents.push(await createAgent(company.id, i, "agent"));
  const scale = await createAgent(company.id, 0, "scale");
  const memberIds = [...agents.map((a) => a.id), scale.id];
  const queue = await db.queue.create({ data: { companyId: company.id, name: "Bench support", mode: "PICK", members: { create: memberIds.map((userId) => ({ userId })) } } });
  const raceQueue = await db.queue.create({ data: { companyId: company.id, name: "Bench race", mode: "PICK", members: { create: agents.map((a) => ({ userId: a.id })) } } });
  const webchat = await db.channelAddress.create({ data: { companyId: company.id, queueId: queue.id, channel: "WEBCHAT", address: WEBCHAT_ENTRY, label: "Bench chat" } });
  const sms = await db.channelAddress.create({
    data: {
      companyId: company.id, queueId: queue.id, channel: "SMS", address: SMS_NUMBER, label: "Bench SMS",
      providerBaseUrl: STAND_IN_URL, providerAccount: TWILIO_ACCOUNT, providerSecret: TWILIO_TOKEN,
      // The highest rate a number may be configured with (lib/channels/number-config.ts), so the worker, not the limiter, is measured.
      sendRatePerSecond: 1000,
    },
  });

  // The scale agent's own conversations: the same in the empty and the seeded database.
  const conversationIds = Array.from({ length: options.scaleConversations }, (_, i) => `bench-own-${i}`);
  await db.$executeRaw`INSERT INTO "Contact" (id, "companyId", name) SELECT 'bench-own-contact-' || g, ${company.id}, 'Own customer ' || g FROM generate_series(0, ${options.scaleConversations - 1}::int) g`;
  await db.$executeRaw`INSERT INTO "Conversation" (id, "companyId", "queueId", "channelAddressId", "contactId", channel, status, "assigneeId", "pickedAt", "lastSeq", preview)
    SELECT 'bench-own-' || g, ${company.id}, ${queue.id}, ${webchat.id}, 'bench-own-contact-' || g, 'WEBCHAT', 'ACTIVE', ${scale.id}, now(), ${options.scaleMessages}::int, 'Hello'
    FROM generate_series(0, ${options.scaleConversations - 1}::int) g`;
  await db.$executeRaw`INSERT INTO "Message" (id, "conversationId", seq, direction, body, status, "createdAt", "updatedAt")
    SELECT 'bench-own-' || c || '-' || s, 'bench-own-' || c, s, (CASE WHEN s % 2 = 0 THEN 'OUTBOUND' ELSE 'INBOUND' END)::"MessageDirection",
      'Message ' || s || ' of an ordinary conversation about an order, its delivery and a refund.', (CASE WHEN s % 2 = 0 THEN 'SENT' ELSE 'RECEIVED' END)::"MessageStatus",
      now() - make_interval(secs => ${options.scaleMessages}::int - s), now()
    FROM generate_series(0, ${options.scaleConversations - 1}::int) c, generate_series(1, ${options.scaleMessages}::int) s`;

  const user = await db.user.findUniqueOrThrow({ where: { id: scale.id }, select: { id: true, name: true, email: true, companyId: true, role: true } });
  const jwt = await encode({ token: { userId: user.id, companyId: user.companyId, role: user.role, name: user.name, email: user.email, sub: user.id }, secret: env.NEXTAUTH_SECRET });
  return {
    companyId: company.id,
    queueId: queue.id,
    raceQueueId: raceQueue.id,
    webchatAddressId: webchat.id,
    smsAddressId: sms.id,
    agents,
    scaleAgent: { ...scale, cookie: `next-auth.session-token=${jwt}`, conversationIds },
  };
}

/** Raw SQL for fixtures and verification that the public API does not offer. */
export async function sql<T = unknown>(query: string, ...values: unknown[]): Promise<T[]> {
  return db.$queryRawUnsafe<T[]>(query, ...values);
}

export async function execute(query: string, ...values: unknown[]): Promise<number> {
  return db.$executeRawUnsafe(query, ...values);
}

export async function disconnectDb(): Promise<void> {
  await db.$disconnect();
}
