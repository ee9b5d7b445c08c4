/** Sorting of the conversation list, shared by the server and the browser. */
import { z } from "zod";
import type { ConversationSummaryDto } from "./dto";

export const conversationSortSchema = z.enum(["arrival", "lastMessage", "unread"]).default("lastMessage");
export type ConversationSort = z.infer<typeof conversationSortSchema>;

export function sortConversations(list: ConversationSummaryDto[], sort: ConversationSort): ConversationSummaryDto[] {
  const byTime = (key: "arrivedAt" | "lastMessageAt") => (a: ConversationSummaryDto, b: ConversationSummaryDto) => b[key].localeCompare(a[key]);
  const sorted = [...list];
  if (sort === "arrival") sorted.sort(byTime("arrivedAt"));
  else if (sort === "lastMessage") sorted.sort(byTime("lastMessageAt"));
  else sorted.sort((a, b) => b.unread - a.unread || b.lastMessageAt.localeCompare(a.lastMessageAt));
  return sorted;
}
