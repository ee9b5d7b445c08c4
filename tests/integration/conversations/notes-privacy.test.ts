import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { addNote } from "@/lib/notes/add-note";
import { sendAgentMessage } from "@/lib/messages/send-agent-message";
import { transferConversation } from "@/lib/conversations/transfer-conversation";
import { getCustomerChat } from "@/lib/webchat/customer-session";
import { issueCustomerToken } from "@/lib/webchat/customer-token";
import { GET as customerChatRoute } from "@/app/api/webchat/[entry]/chat/route";
import { uniqueSuffix } from "../../support/factories";
import { contactCenter } from "../../support/conversations";
import { callRoute } from "../../support/http";
import { request, sleep } from "../../support/socket-harness";
import { pickedConversation, recordAll, socketSuite, waitForEvent } from "../../support/scenarios";

const sockets = socketSuite();

/** An agent has picked a customer's web chat; the customer's first message is known. */
async function pickedWebChat() {
  const center = await contactCenter({ agents: 2 });
  const firstMessage = `Hello from the customer ${uniqueSuffix()}`;
  const { conversationId, contactId } = await pickedConversation(center, 0, firstMessage);
  const claims = { contactId, addressId: center.address.id };
  return { center, conversationId, claims, firstMessage, principal: center.principals[0]!, noteText: `INTERNAL-NOTE-${uniqueSuffix()} customer seems upset` };
}

describe("a note never reaches the customer", () => {
  it("is delivered to the agent watching the conversation, and the customer's socket receives nothing containing it", async () => {
    const { center, conversationId, claims, principal, noteText } = await pickedWebChat();
    const agentSocket = await sockets.agent(center.agents[0]!);
    expect(await request(agentSocket, "conversation:watch", { conversationId })).toEqual({ ok: true, data: { lastSeq: 1 } });
    const agentEvents = recordAll(agentSocket);
    const customerEvents = recordAll(await sockets.customer(claims));

    const note = await addNote({ principal, conversationId, body: noteText });

    expect(await waitForEvent(agentEvents, "note:created", conversationId)).toEqual({ note });
    expect(note.body).toBe(noteText);
    // Control: the customer socket is live, so silence about the note is meaningful.
    const reply = `A reply the customer may see ${uniqueSuffix()}`;
    await sendAgentMessage({ principal, conversationId, input: { clientMessageId: randomUUID(), body: reply } });
    expect(await waitForEvent(customerEvents, "message:created", conversationId)).toMatchObject({ message: { body: reply } });
    await sleep(500);
    expect(customerEvents.length).toBeGreaterThan(0);
    expect(JSON.stringify(customerEvents)).not.toContain(noteText);
    expect(customerEvents.map((e) => e.event)).toEqual(["message:created"]);
  });

  it("a transfer note stays internal too: the customer's socket hears nothing of the transfer", async () => {
    const { center, conversationId, claims, principal, noteText } = await pickedWebChat();
    const colleagueEvents = recordAll(await sockets.agent(center.agents[1]!));
    const customerEvents = recordAll(await sockets.customer(claims));

    await transferConversation({ principal, conversationId, input: { toUserId: center.agents[1]!.id, note: noteText } });

    await waitForEvent(colleagueEvents, "conversation:assigned", conversationId);
    await sleep(500);
    // Control: the customer socket is live (it hears the new agent's reply).
    await sendAgentMessage({ principal: center.principals[1]!, conversationId, input: { clientMessageId: randomUUID(), body: "Hi, I'm taking over." } });
    await waitForEvent(customerEvents, "message:created", conversationId);
    expect(customerEvents.map((e) => e.event)).toEqual(["message:created"]);
    expect(JSON.stringify(customerEvents)).not.toContain(noteText);
  });

  it("getCustomerChat shows the customer's messages but not the note", async () => {
    const { conversationId, claims, principal, firstMessage, noteText } = await pickedWebChat();
    await addNote({ principal, conversationId, body: noteText });

    const chat = await getCustomerChat(claims);

    expect(chat.conversation).toMatchObject({ id: conversationId, status: "open" });
    expect(chat.messages.map((m) => m.body)).toEqual([firstMessage]);
    expect(JSON.stringify(chat)).not.toContain(noteText);
  });

  it("the customer-facing GET /api/webchat/[entry]/chat does not contain the note", async () => {
    const { center, conversationId, claims, principal, firstMessage, noteText } = await pickedWebChat();
    await addNote({ principal, conversationId, body: noteText });

    const answer = await callRoute(customerChatRoute, "GET", { token: issueCustomerToken(claims), params: { entry: center.address.address } });

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ conversation: { id: conversationId }, messages: [{ body: firstMessage }] });
    expect(JSON.stringify(answer.body)).not.toContain(noteText);
    const afterSeq = await callRoute(customerChatRoute, "GET", { token: issueCustomerToken(claims), params: { entry: center.address.address }, query: { afterSeq: "0" } });
    expect(afterSeq.status).toBe(200);
    expect(JSON.stringify(afterSeq.body)).not.toContain(noteText);
  });
});
