/**
 * Socket requests of console clients. Each checks that the caller may see
 * the conversation before joining its room, so ids of other queues or
 * companies answer "not found".
 */
import { z } from "zod";
import { findVisibleConversation } from "../conversations/access";
import { handleRequest } from "./ack";
import { rooms } from "./events";
import { registerAgentHandlers } from "./socket-server";

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
});
