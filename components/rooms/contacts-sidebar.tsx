"use client";

/**
 * The contacts sidebar: you (with the new-conversation button), colleagues
 * with live presence, and saved contacts. Hovering a row shows its message
 * icon (open or start the conversation) and phone icon (click-to-call: your
 * phone rings first, then the provider connects the destination).
 */
import { useCallback, useState } from "react";
import { api, ApiError } from "@/components/common/api-client";
import { useToast } from "@/components/common/toast";
import { useOnConnect, useSocketEvent } from "@/components/realtime/socket-provider";
import type { AddressBook } from "@/lib/contacts/address-book";
import { useWidgets, type RecipientChip } from "./widget-provider";
import { ComposeIcon, MessageIcon, PhoneIcon } from "./icons";

function RowActions({ label, recipient, call }: { label: string; recipient: RecipientChip; call: () => void }) {
  const { openWith } = useWidgets();
  return (
    <span className="flex gap-0.5 opacity-100 md:opacity-0 md:group-focus-within:opacity-100 md:group-hover:opacity-100">
      <button type="button" aria-label={`Message ${label}`} onClick={() => void openWith(recipient)} className="rounded p-1 text-slate-600 hover:bg-slate-200"><MessageIcon /></button>
      <button type="button" aria-label={`Call ${label}`} onClick={call} className="rounded p-1 text-slate-600 hover:bg-slate-200"><PhoneIcon /></button>
    </span>
  );
}

export function ContactsSidebar() {
  const { me, newConversation } = useWidgets();
  const showToast = useToast();
  const [book, setBook] = useState<AddressBook>({ colleagues: [], contacts: [] });
  const [filter, setFilter] = useState("");

  const load = useCallback(async () => {
    try {
      setBook(await api<AddressBook>("/api/v1/address-book?limit=200"));
    } catch {
      // Stays as it was; the next reconnect reads again.
    }
  }, []);
  useOnConnect(() => void load());
  useSocketEvent("presence:changed", ({ userId, online }) => {
    setBook((current) => ({ ...current, colleagues: current.colleagues.map((c) => (c.id === userId ? { ...c, online } : c)) }));
  });

  async function call(to: { type: "user"; id: string } | { type: "phone"; number: string }, label: string) {
    try {
      await api("/api/v1/calls", { body: { to } });
      showToast(`Calling your phone… answer it to be connected to ${label}.`);
    } catch (failure) {
      showToast(failure instanceof ApiError ? failure.message : "The call could not be placed.", "error");
    }
  }

  const q = filter.trim().toLowerCase();
  const colleagues = book.colleagues.filter((c) => !q || c.name.toLowerCase().includes(q) || c.extension?.startsWith(q));
  const digits = q.replace(/\D/g, "");
  const contacts = book.contacts.filter((c) => !q || c.name.toLowerCase().includes(q) || (digits.length > 0 && c.phone.includes(digits)));

  return (
    <aside aria-label="Contacts" className="flex h-full flex-col border-l border-slate-200 bg-white" data-testid="contacts-sidebar">
      <div className="flex items-center justify-between border-b border-slate-100 px-3 py-2">
        <span className="text-sm font-medium">{me.name} <span className="text-xs font-normal text-slate-500">(you)</span></span>
        <button type="button" aria-label="New conversation" title="New conversation" onClick={newConversation} className="rounded p-1 text-brand-700 hover:bg-brand-50"><ComposeIcon /></button>
      </div>
      <div className="px-3 py-2">
        <label htmlFor="contacts-filter" className="sr-only">Search contacts</label>
        <input id="contacts-filter" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Search contacts" className="w-full rounded-md border border-slate-300 px-2 py-1 text-sm" />
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto pb-24">
        <h2 className="px-3 pt-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Colleagues</h2>
        <ul>
          {colleagues.map((c) => (
            <li key={c.id} className="group flex items-center justify-between px-3 py-1.5 hover:bg-slate-50" data-testid="colleague-row">
              <span className="flex min-w-0 items-center gap-2 text-sm">
                <span className={`h-2.5 w-2.5 shrink-0 rounded-full ${c.online ? "bg-emerald-500" : "bg-slate-300"}`} role="img" aria-label={c.online ? "Online" : "Offline"} data-testid="presence-dot" data-online={c.online} />
                <span className="truncate">{c.name}</span>
                {c.extension ? <span className="text-xs text-slate-400">{c.extension}</span> : null}
              </span>
              <RowActions label={c.name} recipient={{ type: "user", id: c.id, label: c.name }} call={() => void call({ type: "user", id: c.id }, c.name)} />
            </li>
          ))}
        </ul>
        <h2 className="px-3 pt-3 text-xs font-semibold uppercase tracking-wide text-slate-500">Contacts</h2>
        {contacts.length === 0 ? <p className="px-3 py-1 text-xs text-slate-500">No saved contacts{q ? " match" : " yet"}.</p> : null}
        <ul>
          {contacts.map((c) => (
            <li key={c.id} className="group flex items-center justify-between px-3 py-1.5 hover:bg-slate-50" data-testid="contact-row">
              <span className="min-w-0 text-sm"><span className="block truncate">{c.name}</span><span className="block text-xs text-slate-500">{c.phone}</span></span>
              <RowActions label={c.name} recipient={{ type: "phone", number: c.phone, label: c.name }} call={() => void call({ type: "phone", number: c.phone }, c.name)} />
            </li>
          ))}
        </ul>
      </div>
    </aside>
  );
}
