import { requirePagePrincipal } from "@/lib/auth/session";
import { listRooms } from "@/lib/rooms/list-rooms";
import { MessagesTable } from "@/components/rooms/messages-table";

export const metadata = { title: "Messages" };

export default async function MessagesPage() {
  const principal = await requirePagePrincipal("AGENT");
  const initial = await listRooms({ principal });
  return (
    <section aria-labelledby="messages-heading">
      <h1 id="messages-heading" className="mb-3 text-xl font-semibold">Messages</h1>
      <div role="tablist" aria-label="Message types" className="mb-3 flex gap-1 border-b border-slate-200">
        <span role="tab" aria-selected="true" className="border-b-2 border-brand-600 px-3 py-2 text-sm font-medium text-brand-700">Chat and SMS</span>
      </div>
      <div role="tabpanel" aria-label="Chat and SMS">
        <MessagesTable initial={initial} />
      </div>
    </section>
  );
}
