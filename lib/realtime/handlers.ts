/**
 * Socket requests of console and web-chat clients. Each is a thin wrapper
 * over the same domain function as its HTTP route, so both answer alike;
 * the socket saves a request's HTTP and session overhead on the paths
 * people repeat all day (sending, picking). Requests about a conversation
 * check that the caller may see it, so ids of other queues or companies
 * answer "not found".
 */
import { z } from "zod";
import { findVisibleConversation } from "../conversations/access";
import { pickConversation } from "../conversations/pick-conversation";
import { sendAgentMessage, sendMessageInputSchema } from "../messages/send-agent-message";
import { customerMessageInputSchema, sendCustomerMessage } from "../webchat/customer-session";
import { verifyCustomerToken } from "../webchat/customer-token";
import { AppError } from "../errors";
import { handleRequest } from "./ack";
import { rooms } from "./events";
import { registerAgentHandlers, registerCustomerHandlers } from "./socket-server";

const conversationRef = z.object({ conversationId: z.string().min(1).max(100) });

registerAgentHandlers((socket) => {
  const { principal } = socket.data;

  socket.on(
    "conversation:watch",
    handleRequest(conversationRef, async ({ conversationId }) => {
      const conversation = await findVisibleConversation(principal, conversationId, { lastSeq: true });
      await socket.join(rooms.conversation(conversationId));
      return { lastSeq: conversation.lastSeq };
    }),
  );

  socket.on(
    "conversation:unwatch",
    handleRequest(conversationRef, async ({ conversationId }) => {
      await socket.leave(rooms.conversation(conversationId));
      return {};
    }),
  );

  socket.on(
    "conversation:pick",
    handleRequest(conversationRef, async ({ conversationId }) => ({ conversation: await pickConversation({ principal, conversationId, askingSocketId: socket.id }) })),
  );

  socket.on(
    "message:send",
    handleRequest(z.intersection(conversationRef, sendMessageInputSchema), async ({ conversationId, ...input }) => ({
      message: await sendAgentMessage({ principal, conversationId, input, askingSocketId: socket.id }),
    })),
  );
});

registerCustomerHandlers((socket) => {
  socket.on(
    "message:send",
    handleRequest(customerMessageInputSchema, async (input) => {
      // Checked again on every send: a token can expire while its socket stays open.
      const claims = verifyCustomerToken(socket.data.customerToken);
      if (!claims) throw new AppError("UNAUTHENTICATED", "Your chat session has expired. Start a new chat.");
      return sendCustomerMessage(claims, input, { askingSocketId: socket.id });
    }),
  );
});
