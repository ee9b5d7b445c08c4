/** Builders for conversation scenarios: a company with a queue, agents and a web-chat entry point. */
import { db } from "@/lib/db";
import type { Principal } from "@/lib/auth/principal";
import type { QueueMode, Role } from "@/lib/generated/prisma/enums";
import { receiveCustomerMessage } from "@/lib/messages/receive-customer-message";
import { createAddress, createCompany, createQueue, createUser, uniqueSuffix } from "./factories";

export function principalOf(user: { id: string; companyId: string; role: Role; name: string; email: string }): Principal {
  return { userId: user.id, companyId: user.companyId, role: user.role, name: user.name, email: user.email };
}

export async function contactCenter(options: { agents?: number; mode?: QueueMode } = {}) {
  const company = await createCompany();
  const agents = [];
  for (let i = 0; i < (options.agents ?? 2); i++) agents.push(await createUser(company.id, { name: `Agent ${i + 1} ${uniqueSuffix()}` }));
  const queue = await createQueue(company.id, { mode: options.mode ?? "PICK", memberIds: agents.map((a) => a.id) });
  const address = await createAddress(company.id, queue.id, "WEBCHAT");
  return { company, agents, queue, address, principals: agents.map(principalOf) };
}

export async function createContact(companyId: string, name = "Customer") {
  return db.contact.create({ data: { companyId, name: `${name} ${uniqueSuffix()}` } });
}

/** A customer writes in: returns the waiting conversation's id. */
export async function customerWrites(companyId: string, addressId: string, body = "Hello, I need help", contactId?: string) {
  const contact = contactId ? { id: contactId } : await createContact(companyId);
  const received = await receiveCustomerMessage({ contactId: contact.id, channelAddressId: addressId, body });
  return { conversationId: received.conversationId, contactId: contact.id, message: received.message };
}
