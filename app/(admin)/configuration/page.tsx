import Link from "next/link";
import { requirePagePrincipal } from "@/lib/auth/session";
import { hasRole } from "@/lib/auth/principal";
import { listQueueConfigs } from "@/lib/routing/queue-config";
import { getSmsUsage } from "@/lib/reports/sms-usage";
import { QueueSettings } from "@/components/configuration/queue-settings";
import { SmsUsage } from "@/components/configuration/sms-usage";

export const metadata = { title: "Configuration" };

export default async function ConfigurationPage() {
  const principal = await requirePagePrincipal("SUPERVISOR");
  const isAdmin = hasRole(principal, "ADMIN");
  // The default period is loaded here so the numbers are in the first render.
  const [{ queues, users, addresses }, smsUsage] = await Promise.all([listQueueConfigs({ principal }), isAdmin ? getSmsUsage({ principal, query: {} }) : null]);
  return (
    <section aria-labelledby="configuration-heading" className="max-w-4xl">
      <div className="flex items-center justify-between">
        <h1 id="configuration-heading" className="text-xl font-semibold">Configuration</h1>
        <div className="flex gap-2">
          {isAdmin ? <Link href="/configuration/files" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">Files</Link> : null}
          <Link href="/configuration/numbers" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">Numbers and channels</Link>
          <Link href="/configuration/board" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white">Live queue board</Link>
        </div>
      </div>
      {smsUsage ? (
        <section aria-labelledby="sms-usage-heading" className="mt-6">
          <h2 id="sms-usage-heading" className="mb-2 text-base font-semibold">SMS usage</h2>
          <SmsUsage initial={smsUsage} />
        </section>
      ) : null}
      <h2 className="mt-6 mb-2 text-base font-semibold">Queues</h2>
      <QueueSettings initialQueues={queues} options={{ users, addresses }} />
    </section>
  );
}
