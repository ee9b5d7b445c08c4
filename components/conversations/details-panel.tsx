import { LocalTime } from "@/components/common/local-time";
import Link from "next/link";
import type { ConversationDetails } from "@/lib/conversations/get-conversation-details";
import { ChannelBadge, customerLabel } from "@/components/common/channel-badge";

const eventLabels: Record<string, string> = {
  CREATED: "Arrived", PICKED: "Picked", OFFERED: "Offered", ACCEPTED: "Accepted", DECLINED: "Declined",
  OFFER_TIMED_OUT: "Offer timed out", TRANSFERRED: "Transferred", ENDED: "Ended",
};

const when = (iso: string | null) => (iso ? <LocalTime iso={iso} pattern="d MMM yyyy HH:mm" /> : "—");

/** Customer details, conversation details, event log and previous conversations: all read-only. */
export function DetailsPanel({ details }: { details: ConversationDetails }) {
  const { conversation, destination, pickedBy, previous, events } = details;
  return (
    <div className="space-y-5 text-sm">
      <section aria-labelledby="customer-details">
        <h3 id="customer-details" className="font-semibold">Customer</h3>
        <dl className="mt-1 grid grid-cols-[6rem_1fr] gap-y-1">
          <dt className="text-slate-500">Name</dt><dd>{conversation.customer.name || "—"}</dd>
          <dt className="text-slate-500">Email</dt><dd>{conversation.customer.email ?? "—"}</dd>
          <dt className="text-slate-500">Phone</dt><dd>{conversation.customer.phone ?? "—"}</dd>
        </dl>
      </section>
      <section aria-labelledby="conversation-details">
        <h3 id="conversation-details" className="font-semibold">Conversation</h3>
        <dl className="mt-1 grid grid-cols-[6rem_1fr] gap-y-1">
          <dt className="text-slate-500">Channel</dt><dd><ChannelBadge channel={conversation.channel} /></dd>
          <dt className="text-slate-500">Queue</dt><dd>{conversation.queueName} · {destination.label} ({destination.address})</dd>
          <dt className="text-slate-500">Arrived</dt><dd>{when(conversation.arrivedAt)}</dd>
          <dt className="text-slate-500">Picked by</dt><dd>{pickedBy ? <>{pickedBy.name}, {when(conversation.pickedAt)}</> : "—"}</dd>
        </dl>
      </section>
      <section aria-labelledby="event-log">
        <h3 id="event-log" className="font-semibold">History of this conversation</h3>
        <ol className="mt-1 space-y-1" data-testid="event-log">
          {events.map((event) => (
            <li key={event.id}>
              <span className="text-slate-500">{when(event.createdAt)}</span> · {eventLabels[event.type] ?? event.type}
              {event.actorName ? ` by ${event.actorName}` : ""}{event.targetName ? ` → ${event.targetName}` : ""}{event.note ? ` (“${event.note}”)` : ""}
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="previous-conversations">
        <h3 id="previous-conversations" className="font-semibold">Previous conversations</h3>
        {previous.length === 0 ? <p className="mt-1 text-slate-500">None.</p> : (
          <ul className="mt-1 space-y-1">
            {previous.map((p) => (
              <li key={p.id}><Link className="text-brand-700 underline" href={`/history/${p.id}`}>{when(p.arrivedAt)} · {customerLabel(p.customer)} · {p.preview}</Link></li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
