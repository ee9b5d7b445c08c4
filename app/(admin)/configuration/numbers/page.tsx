import { requirePagePrincipal } from "@/lib/auth/session";
import { listAssignableUsers, listNumbers } from "@/lib/channels/number-config";
import { db } from "@/lib/db";
import { publicUrl } from "@/lib/env";
import { NumberList } from "@/components/configuration/number-editor";

export const metadata = { title: "Numbers and channels" };

export default async function NumbersPage() {
  const principal = await requirePagePrincipal("SUPERVISOR");
  const [numbers, queues, users] = await Promise.all([
    listNumbers({ principal }),
    db.queue.findMany({ where: { companyId: principal.companyId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    listAssignableUsers({ principal }),
  ]);
  return (
    <section aria-labelledby="numbers-heading" className="max-w-4xl space-y-3">
      <h1 id="numbers-heading" className="text-xl font-semibold">Numbers and channels</h1>
      <p className="text-sm text-slate-600">
        Point your providers&apos; webhooks at <code>{publicUrl()}/api/webhooks/sms</code> (SMS) and <code>{publicUrl()}/api/webhooks/whatsapp</code> (WhatsApp).
      </p>
      <p className="text-sm text-slate-600">Assign each SMS number to the people who text and call from it: they pick it as the send-from number in the widget, and click-to-call rings them from it.</p>
      <NumberList initial={numbers} queues={queues} users={users} />
    </section>
  );
}
