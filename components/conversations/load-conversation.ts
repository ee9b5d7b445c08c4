/** Everything the conversation view needs on first render, loaded on the server with the caller's rights. */
import type { Principal } from "@/lib/auth/principal";
import { getConversationDetails } from "@/lib/conversations/get-conversation-details";
import { listMessages } from "@/lib/messages/list-messages";
import { listNotes } from "@/lib/notes/list-notes";
import { AppError } from "@/lib/errors";
import { effectiveLimitBytes, getFilePolicy } from "@/lib/files/file-policy";

export async function loadConversationForPage(principal: Principal, conversationId: string) {
  try {
    const [details, initialPage, initialNotes, policy] = await Promise.all([
      getConversationDetails({ principal, conversationId }),
      listMessages({ principal, conversationId, query: { limit: 50 } }),
      listNotes({ principal, conversationId }),
      getFilePolicy({ companyId: principal.companyId }),
    ]);
    // What the composer shows before a file is picked: the allowed types and the stricter of policy and channel limit.
    const filePolicy = { allowedTypes: policy.allowedTypes, maxSizeBytes: effectiveLimitBytes(policy, details.conversation.channel) };
    return { details, initialPage, initialNotes, filePolicy };
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return null;
    throw error;
  }
}
