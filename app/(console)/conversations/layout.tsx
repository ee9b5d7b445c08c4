import { requirePagePrincipal } from "@/lib/auth/session";
import { listActiveConversations } from "@/lib/conversations/list-active-conversations";
import { ConversationList } from "@/components/conversations/conversation-list";


export default async function ConversationsLayout({ children }: { children: React.ReactNode }) {
  const principal = await requirePagePrincipal("AGENT");
  const items = await listActiveConversations({ principal });
  return (
    <div className="flex flex-col gap-4 md:flex-row">
      <div className="md:w-72 md:shrink-0">
        <ConversationList initialItems={items} currentUserId={principal.userId} />
      </div>
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}
