/**
 * Demo data: Acme Support (admin, supervisor, three agents; Sales and Support
 * queues with SMS, WhatsApp and web-chat addresses; a few ended
 * conversations) and Globex Partners (two users, for external messaging).
 * Idempotent: users, queues and addresses are upserted; the sample
 * conversations are written only once.
 */
import { db } from "../lib/db";
import { hashPassword } from "../lib/auth/password";
import { env } from "../lib/env";
import type { Channel, Role } from "../lib/generated/prisma/enums";

export const DEMO_PASSWORD = "parley-demo";

interface SeedUser {
  email: string;
  name: string;
  role: Role;
  extension?: string;
  /** The user's own phone, rung first by click-to-call. */
  phone?: string;
}

const acmeUsers: SeedUser[] = [
  { email: "admin@acme.test", name: "Ada Admin", role: "ADMIN", extension: "100" },
  { email: "supervisor@acme.test", name: "Sam Supervisor", role: "SUPERVISOR", extension: "101" },
  { email: "alice@acme.test", name: "Alice Agent", role: "AGENT", extension: "201", phone: "+15550109201" },
  { email: "bob@acme.test", name: "Bob Agent", role: "AGENT", extension: "202", phone: "+15550109202" },
  { email: "carol@acme.test", name: "Carol Agent", role: "AGENT", extension: "203" },
];

const globexUsers: SeedUser[] = [
  { email: "gina@globex.test", name: "Gina Globex", role: "ADMIN" },
  { email: "gus@globex.test", name: "Gus Globex", role: "AGENT" },
];

async function upsertCompany(slug: string, name: string) {
  return db.company.upsert({ where: { slug }, update: {}, create: { slug, name, filePolicy: { create: {} } } });
}

async function upsertUsers(companyId: string, users: SeedUser[], passwordHash: string) {
  const byEmail = new Map<string, string>();
  for (const user of users) {
    const row = await db.user.upsert({
      where: { email: user.email },
      update: { name: user.name, role: user.role, companyId },
      create: { ...user, companyId, passwordHash },
    });
    byEmail.set(user.email, row.id);
  }
  return byEmail;
}

async function upsertQueue(companyId: string, name: string, memberIds: string[]) {
  const queue = await db.queue.upsert({ where: { companyId_name: { companyId, name } }, update: {}, create: { companyId, name } });
  for (const userId of memberIds) {
    await db.queueMember.upsert({ where: { queueId_userId: { queueId: queue.id, userId } }, update: {}, create: { queueId: queue.id, userId } });
  }
  return queue;
}

/** Demo provider settings: the stand-in's defaults (stand-in/config.ts). */
function standInProvider(channel: Channel, address: string) {
  if (channel === "SMS") return { providerBaseUrl: env.STAND_IN_URL, providerAccount: "AC00000000000000000000000000000000", providerSecret: "stand-in-twilio-token" };
  if (channel === "WHATSAPP") {
    return { providerBaseUrl: env.STAND_IN_URL, providerAccount: `pn-${address.replace(/\D/g, "")}`, providerSecret: "stand-in-whatsapp-token", webhookSecret: "stand-in-whatsapp-secret", verifyToken: "parley-verify-token", apiVersion: "v21.0" };
  }
  return {};
}

async function upsertAddress(companyId: string, queueId: string | null, channel: Channel, address: string, label: string) {
  const row = await db.channelAddress.upsert({
    where: { channel_address: { channel, address } },
    update: { queueId, label },
    create: { companyId, queueId, channel, address, label, ...standInProvider(channel, address) },
  });
  // Fill in provider settings only where none were configured, never over an administrator's.
  if (!row.providerBaseUrl && channel !== "WEBCHAT") await db.channelAddress.update({ where: { id: row.id }, data: standInProvider(channel, address) });
  return row;
}

interface SampleConversation {
  contact: { name: string; email?: string; phone?: string };
  channel: Channel;
  addressId: string;
  queueId: string;
  agentId: string;
  daysAgo: number;
  lines: Array<[who: "customer" | "agent", text: string]>;
  note: string;
}

async function writeSampleConversation(companyId: string, sample: SampleConversation) {
  const arrivedAt = new Date(Date.now() - sample.daysAgo * 24 * 60 * 60 * 1000);
  const contact = await db.contact.create({ data: { companyId, ...sample.contact } });
  const minute = 60 * 1000;
  const endedAt = new Date(arrivedAt.getTime() + (sample.lines.length + 2) * minute);
  await db.conversation.create({
    data: {
      companyId,
      queueId: sample.queueId,
      channelAddressId: sample.addressId,
      contactId: contact.id,
      channel: sample.channel,
      status: "ENDED",
      assigneeId: sample.agentId,
      pickedAt: new Date(arrivedAt.getTime() + minute),
      arrivedAt,
      endedAt,
      lastMessageAt: endedAt,
      lastSeq: sample.lines.length,
      preview: sample.lines[0]?.[1].slice(0, 140) ?? "",
      messages: {
        create: sample.lines.map(([who, text], index) => ({
          seq: index + 1,
          direction: who === "customer" ? "INBOUND" : "OUTBOUND",
          authorUserId: who === "agent" ? sample.agentId : null,
          body: text,
          status: who === "customer" ? "RECEIVED" : "DELIVERED",
          createdAt: new Date(arrivedAt.getTime() + (index + 1) * minute),
        })),
      },
      notes: { create: { authorId: sample.agentId, body: sample.note, createdAt: new Date(arrivedAt.getTime() + 2 * minute) } },
      events: {
        create: [
          { type: "CREATED", createdAt: arrivedAt },
          { type: "PICKED", actorId: sample.agentId, createdAt: new Date(arrivedAt.getTime() + minute) },
          { type: "ENDED", actorId: sample.agentId, createdAt: endedAt },
        ],
      },
    },
  });
}

export async function seed(): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const acme = await upsertCompany("acme", "Acme Support");
  const acmeIds = await upsertUsers(acme.id, acmeUsers, passwordHash);
  const id = (email: string) => acmeIds.get(email)!;

  const agents = ["alice@acme.test", "bob@acme.test", "carol@acme.test"].map(id);
  const support = await upsertQueue(acme.id, "Support", [...agents, id("supervisor@acme.test")]);
  const sales = await upsertQueue(acme.id, "Sales", [id("alice@acme.test"), id("bob@acme.test"), id("supervisor@acme.test")]);

  const supportSms = await upsertAddress(acme.id, support.id, "SMS", "+15550100100", "Support SMS line");
  const supportWhatsApp = await upsertAddress(acme.id, support.id, "WHATSAPP", "+15550100200", "Support WhatsApp");
  await upsertAddress(acme.id, support.id, "WEBCHAT", "acme-support", "Support web chat");
  const salesChat = await upsertAddress(acme.id, sales.id, "WEBCHAT", "acme-sales", "Sales web chat");
  const salesSms = await upsertAddress(acme.id, sales.id, "SMS", "+15550100300", "Sales SMS line");
  // A direct line with no queue: texts to it reach the widget of the users it is assigned to.
  const aliceDirect = await upsertAddress(acme.id, null, "SMS", "+15550100400", "Alice direct line");
  for (const [email, addressId] of [["alice@acme.test", aliceDirect.id], ["alice@acme.test", salesSms.id], ["bob@acme.test", salesSms.id]] as const) {
    const userId = id(email);
    await db.userNumber.upsert({ where: { userId_channelAddressId: { userId, channelAddressId: addressId } }, update: {}, create: { userId, channelAddressId: addressId } });
  }

  for (const template of [
    { name: "follow_up", body: "Hi {{1}}, this is Acme Support following up on your request. Reply to this message to continue the conversation." },
    { name: "order_update", body: "Hi {{1}}, there is an update on your order. Reply to this message and we will tell you more." },
  ]) {
    await db.messageTemplate.upsert({ where: { companyId_name_language: { companyId: acme.id, name: template.name, language: "en" } }, update: {}, create: { companyId: acme.id, language: "en", ...template } });
  }

  const globex = await upsertCompany("globex", "Globex Partners");
  await upsertUsers(globex.id, globexUsers, passwordHash);

  if ((await db.conversation.count({ where: { companyId: acme.id } })) === 0) {
    const samples: SampleConversation[] = [
      {
        contact: { name: "Maria Lopez", phone: "+15555550101" }, channel: "SMS", addressId: supportSms.id, queueId: support.id,
        agentId: id("alice@acme.test"), daysAgo: 3,
        lines: [["customer", "Hi, my router keeps dropping the connection every evening."], ["agent", "Sorry to hear that, Maria. Which model is it?"], ["customer", "The AX3000 from last year."], ["agent", "A firmware update fixes that. I've sent the steps by email."], ["customer", "Done, working fine now. Thanks!"]],
        note: "Known AX3000 firmware issue; pointed to KB-1042.",
      },
      {
        contact: { name: "Tom Becker", phone: "+15555550102" }, channel: "WHATSAPP", addressId: supportWhatsApp.id, queueId: support.id,
        agentId: id("bob@acme.test"), daysAgo: 2,
        lines: [["customer", "Where is my order #48213?"], ["agent", "It left our warehouse yesterday and arrives Thursday."], ["customer", "Great, thank you."]],
        note: "Customer asked twice before; offered tracking link.",
      },
      {
        contact: { name: "Priya Shah", email: "priya@example.com" }, channel: "WEBCHAT", addressId: salesChat.id, queueId: sales.id,
        agentId: id("alice@acme.test"), daysAgo: 1,
        lines: [["customer", "Do you offer a team plan for 20 people?"], ["agent", "Yes: the Team plan covers up to 25 seats with volume pricing."], ["customer", "Could you send a quote?"], ["agent", "Sent to priya@example.com. Anything else?"]],
        note: "Warm lead, follow up next week.",
      },
    ];
    for (const sample of samples) await writeSampleConversation(acme.id, sample);
  }
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  seed()
    .then(async () => {
      console.log(`[parley] demo data ready (password for every demo user: ${DEMO_PASSWORD})`);
      await db.$disconnect();
    })
    .catch(async (error) => {
      console.error("[parley] seed failed", error);
      await db.$disconnect();
      process.exit(1);
    });
}
