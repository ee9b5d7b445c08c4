import { requirePagePrincipal } from "@/lib/auth/session";
import { listPicklist } from "@/lib/conversations/list-picklist";
import { PicklistView } from "@/components/conversations/picklist-view";

export const metadata = { title: "Picklist" };

export default async function PicklistPage() {
  const principal = await requirePagePrincipal("AGENT");
  const items = await listPicklist({ principal });
  return (
    <section aria-labelledby="picklist-heading">
      <h1 id="picklist-heading" className="text-xl font-semibold">Picklist</h1>
      <p className="mt-1 text-sm text-slate-600">Conversations waiting in your queues, longest wait first.</p>
      <PicklistView initialItems={items} />
    </section>
  );
}
