import { requirePagePrincipal } from "@/lib/auth/session";
import { getQueueBoard } from "@/lib/routing/queue-board";
import { QueueBoard } from "@/components/configuration/queue-board";

export const metadata = { title: "Queue board" };

export default async function QueueBoardPage() {
  const principal = await requirePagePrincipal("SUPERVISOR");
  return (
    <section aria-labelledby="board-heading">
      <h1 id="board-heading" className="mb-4 text-xl font-semibold">Live queue board</h1>
      <QueueBoard initial={await getQueueBoard({ principal })} />
    </section>
  );
}
