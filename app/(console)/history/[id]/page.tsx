import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePagePrincipal } from "@/lib/auth/session";
import { ConversationView } from "@/components/conversations/conversation-view";
import { loadConversationForPage } from "@/components/conversations/load-conversation";

export const metadata = { title: "Past conversation" };

export default async function HistoryConversationPage({ params }: { params: Promise<{ id: string }> }) {
  const principal = await requirePagePrincipal("AGENT");
  const { id } = await params;
  const data = await loadConversationForPage(principal, id);
  if (!data) notFound();
  return (
    <div>
      <Link href="/history" className="mb-3 inline-block text-sm text-brand-700 underline">← Back to History</Link>
      <ConversationView key={id} {...data} currentUserId={principal.userId} />
    </div>
  );
}
