"use client";

/** Offers (offer-mode queues): accept or decline before the timer runs out; shown on every console page. */
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { ConversationSummaryDto } from "@/lib/conversations/dto";
import { api, ApiError } from "@/components/common/api-client";
import { customerLabel } from "@/components/common/channel-badge";
import { useToast } from "@/components/common/toast";
import { useSocketEvent } from "@/components/realtime/socket-provider";

interface Offer {
  conversation: ConversationSummaryDto;
  expiresAt: string;
}

export function OfferBanner() {
  const [offers, setOffers] = useState<Offer[]>([]);
  const [now, setNow] = useState(() => Date.now());
  const router = useRouter();
  const toast = useToast();

  useSocketEvent("offer:received", (offer) => setOffers((list) => [...list.filter((o) => o.conversation.id !== offer.conversation.id), offer]));
  useSocketEvent("offer:withdrawn", ({ conversationId }) => setOffers((list) => list.filter((o) => o.conversation.id !== conversationId)));
  useEffect(() => {
    if (offers.length === 0) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [offers.length]);

  async function respond(id: string, action: "accept" | "decline") {
    try {
      await api(`/api/v1/conversations/${id}/${action}`, { method: "POST" });
      setOffers((list) => list.filter((o) => o.conversation.id !== id));
      if (action === "accept") router.push(`/conversations/${id}`);
    } catch (error) {
      toast(error instanceof ApiError ? error.message : "That did not work.", "error");
      setOffers((list) => list.filter((o) => o.conversation.id !== id));
    }
  }

  if (offers.length === 0) return null;
  return (
    <div className="space-y-2 border-b border-amber-200 bg-amber-50 px-4 py-3" role="region" aria-label="Conversation offers">
      {offers.map(({ conversation, expiresAt }) => (
        <div key={conversation.id} className="flex flex-wrap items-center gap-3" data-testid="offer">
          <p className="flex-1 text-sm">
            <strong>{customerLabel(conversation.customer)}</strong> ({conversation.queueName}) is offered to you: “{conversation.preview}”
            <span className="ml-2 text-amber-800">{Math.max(0, Math.ceil((new Date(expiresAt).getTime() - now) / 1000))}s</span>
          </p>
          <button type="button" onClick={() => void respond(conversation.id, "accept")} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white">Accept</button>
          <button type="button" onClick={() => void respond(conversation.id, "decline")} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm">Decline</button>
        </div>
      ))}
    </div>
  );
}
