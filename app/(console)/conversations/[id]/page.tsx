import { notFound } from "next/navigation";
import { requirePagePrincipal } from "@/lib/auth/session";
import { ConversationView } from "@/components/conversations/conversation-view";
import { loadConversationForPage } from "@/components/conversations/load-conversation";

export const metadata = { title: "Conversation" };

export default async function ConversationPage({ params }: { params: Promise<{ id: string }> }) {
  const principal = await requirePagePrincipal("AGENT");
  const { id } = await params;
  const data = await loadConversationForPage(principal, id);
  if (!data) notFound();
  return <ConversationView key={id} {...data} currentUserId={principal.userId} />;
}
