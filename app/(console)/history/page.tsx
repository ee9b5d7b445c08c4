import { requirePagePrincipal } from "@/lib/auth/session";
import { listHistory } from "@/lib/conversations/list-history";
import { HistoryList } from "@/components/conversations/history-list";

export const metadata = { title: "History" };

export default async function HistoryPage() {
  const principal = await requirePagePrincipal("AGENT");
  const initial = await listHistory({ principal, query: { order: "newest", limit: 25 } });
  return (
    <section aria-labelledby="history-heading">
      <h1 id="history-heading" className="mb-3 text-xl font-semibold">History</h1>
      <HistoryList initial={initial} />
    </section>
  );
}
