"use client";

/**
 * The new-conversation widget: "To" autocompletes colleagues (name,
 * extension) and saved contacts (name, number) or takes a new number; each
 * recipient is a removable chip. Colleagues make a chat, numbers an SMS sent
 * from one of your assigned numbers ("Send from", hidden for chats); mixing
 * both is explained and refused.
 */
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { useEffect, useId, useState, type KeyboardEvent } from "react";
import { api, ApiError, newClientMessageId } from "@/components/common/api-client";
import type { AddressBook } from "@/lib/contacts/address-book";
import type { AssignedNumberDto } from "@/lib/rooms/sms-numbers";
import type { RoomMessageDto } from "@/lib/rooms/dto";
import { useWidgets, type OpenWidget, type RecipientChip } from "./widget-provider";
import { WidgetComposer } from "./widget-composer";
import { WidgetFrame } from "./widget-frame";
import { CloseIcon } from "./icons";

const MIXED = "A conversation is either a chat with colleagues or an SMS to phone numbers, not both. Remove the colleagues to send an SMS, or the phone numbers to start a chat.";
const NO_NUMBER = "No SMS number is assigned to you, so you cannot send SMS. An administrator can assign one under Configuration → Numbers.";

function toE164(raw: string): string | null {
  const parsed = parsePhoneNumberFromString(raw.trim(), "US");
  return parsed?.isPossible() ? parsed.number : null;
}

function useSuggestions(query: string): AddressBook {
  const [book, setBook] = useState<AddressBook>({ colleagues: [], contacts: [] });
  useEffect(() => {
    const q = query.trim();
    if (!q) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api<AddressBook>(`/api/v1/address-book?limit=8&q=${encodeURIComponent(q)}`, { signal: controller.signal }).then(setBook).catch(() => undefined);
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);
  return query.trim() ? book : { colleagues: [], contacts: [] };
}

export function NewConversationWidget({ widget }: { widget: OpenWidget }) {
  const { close, setMinimized, roomStarted } = useWidgets();
  const inputId = useId();
  const [chips, setChips] = useState<RecipientChip[]>(widget.draftTo);
  const [query, setQuery] = useState("");
  const [numbers, setNumbers] = useState<AssignedNumberDto[] | null>(null);
  const [fromAddressId, setFromAddressId] = useState<string>("");
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const suggestions = useSuggestions(query);

  useEffect(() => {
    api<{ items: AssignedNumberDto[] }>("/api/v1/me/numbers").then(({ items }) => {
      setNumbers(items);
      if (items[0]) setFromAddressId(items[0].id);
    }).catch(() => setNumbers([]));
  }, []);

  const hasUsers = chips.some((c) => c.type === "user");
  const hasPhones = chips.some((c) => c.type === "phone");
  const kind = hasUsers && hasPhones ? "mixed" : hasUsers ? "chat" : hasPhones ? "sms" : "none";
  const smsBlocked = kind === "sms" && numbers !== null && numbers.length === 0;

  function add(chip: RecipientChip) {
    setError(null);
    setChips((current) => (current.some((c) => (c.type === "user" && chip.type === "user" && c.id === chip.id) || (c.type === "phone" && chip.type === "phone" && c.number === chip.number)) ? current : [...current, chip]));
    setQuery("");
  }

  function addTyped() {
    const text = query.trim().replace(/,$/, "");
    if (!text) return;
    const first = suggestions.colleagues[0] ?? null;
    const phone = toE164(text);
    if (phone) return add({ type: "phone", number: phone, label: suggestions.contacts.find((c) => c.phone === phone)?.name ?? phone });
    if (first) return add({ type: "user", id: first.id, label: first.name });
    if (suggestions.contacts[0]) return add({ type: "phone", number: suggestions.contacts[0].phone, label: suggestions.contacts[0].name });
    setError(`"${text}" is not a valid phone number. Type it with its country code, e.g. +1 555 010 0123.`);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter" || event.key === ",") {
      event.preventDefault();
      addTyped();
    } else if (event.key === "Backspace" && query === "" && chips.length) {
      setChips(chips.slice(0, -1));
    }
  }

  async function send(body: string) {
    if (kind === "none") return setError("Add a colleague, a contact or a phone number first.");
    if (kind === "mixed") return setError(MIXED);
    setSending(true);
    setError(null);
    try {
      const to = chips.map((c) => (c.type === "user" ? { type: "user", id: c.id } : { type: "phone", number: c.number }));
      const answer = await api<{ roomId: string; message: RoomMessageDto }>("/api/v1/rooms", {
        body: { to, clientMessageId: newClientMessageId(), body, ...(kind === "sms" && fromAddressId ? { fromAddressId } : {}) },
      });
      roomStarted(widget.key, answer.roomId);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : "Not sent. Try again.");
    } finally {
      setSending(false);
    }
  }

  const kindLabel = { none: "Chat or SMS", chat: "Chat", sms: "SMS", mixed: "Chat or SMS?" }[kind];
  const showSuggestions = query.trim().length > 0 && suggestions.colleagues.length + suggestions.contacts.length > 0;

  return (
    <WidgetFrame widget={widget} title="New conversation" onMinimize={(minimized) => setMinimized(widget.key, minimized)} onClose={() => close(widget.key)}
      badge={<span className="rounded bg-white/20 px-1.5 py-0.5 text-[10px] font-semibold uppercase" data-testid="new-conversation-kind">{kindLabel}</span>}>
      <div className="relative border-b border-slate-200 p-2">
        <label htmlFor={inputId} className="text-xs font-medium text-slate-600">To</label>
        <div className="mt-1 flex flex-wrap items-center gap-1 rounded-md border border-slate-300 px-1 py-1 focus-within:border-brand-500">
          {chips.map((chip, index) => (
            <span key={chip.type === "user" ? chip.id : chip.number} className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs ${chip.type === "user" ? "bg-sky-100 text-sky-900" : "bg-amber-100 text-amber-900"}`} data-testid="recipient-chip">
              {chip.label}
              <button type="button" aria-label={`Remove ${chip.label}`} onClick={() => setChips(chips.filter((_, i) => i !== index))}><CloseIcon className="h-3 w-3" /></button>
            </span>
          ))}
          <input id={inputId} value={query} onChange={(e) => setQuery(e.target.value)} onKeyDown={onKeyDown} onBlur={() => { if (toE164(query)) addTyped(); }}
            placeholder={chips.length ? "" : "Name, extension or number"} autoComplete="off" role="combobox" aria-expanded={showSuggestions} aria-controls={`${inputId}-list`}
            className="min-w-[6rem] flex-1 border-0 p-0.5 text-sm focus:outline-none focus:ring-0" data-testid="to-input" />
        </div>
        {showSuggestions ? (
          <ul id={`${inputId}-list`} role="listbox" className="absolute left-2 right-2 z-10 mt-1 max-h-48 overflow-y-auto rounded-md border border-slate-200 bg-white shadow-lg">
            {suggestions.colleagues.map((c) => (
              <li key={c.id} role="option" aria-selected={false}>
                <button type="button" className="flex w-full items-center justify-between px-2 py-1.5 text-left text-sm hover:bg-slate-100" onMouseDown={(e) => e.preventDefault()} onClick={() => add({ type: "user", id: c.id, label: c.name })}>
                  <span>{c.name}</span><span className="text-xs text-slate-500">{c.extension ? `ext. ${c.extension}` : "Colleague"}</span>
                </button>
              </li>
            ))}
            {suggestions.contacts.map((c) => (
              <li key={c.id} role="option" aria-selected={false}>
                <button type="button" className="flex w-full items-center justify-between px-2 py-1.5 text-left text-sm hover:bg-slate-100" onMouseDown={(e) => e.preventDefault()} onClick={() => add({ type: "phone", number: c.phone, label: c.name })}>
                  <span>{c.name}</span><span className="text-xs text-slate-500">{c.phone}</span>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <p className="mt-1 text-[11px] text-slate-500" data-testid="kind-hint">
          {kind === "chat" ? "Chat: between colleagues." : kind === "sms" ? "SMS: to phone numbers." : kind === "mixed" ? MIXED : "Colleagues make a chat; phone numbers make an SMS."}
        </p>
      </div>
      {kind === "sms" && numbers && numbers.length > 0 ? (
        <div className="flex items-center gap-2 border-b border-slate-200 px-2 py-1.5 text-xs">
          <label htmlFor={`${inputId}-from`} className="font-medium text-slate-600">Send from</label>
          <select id={`${inputId}-from`} value={fromAddressId} onChange={(e) => setFromAddressId(e.target.value)} className="flex-1 rounded border border-slate-300 px-1 py-0.5 text-xs">
            {numbers.map((n) => <option key={n.id} value={n.id}>{n.number} · {n.label}</option>)}
          </select>
        </div>
      ) : null}
      {smsBlocked ? <p role="alert" className="border-b border-amber-200 bg-amber-50 px-2 py-1 text-xs text-amber-900">{NO_NUMBER}</p> : null}
      {error ? <p role="alert" className="border-b border-red-200 bg-red-50 px-2 py-1 text-xs text-red-800" data-testid="new-conversation-error">{error}</p> : null}
      <div className="flex-1" />
      <WidgetComposer onSend={(body) => void send(body)} disabled={sending || smsBlocked || kind === "mixed"} placeholder={kind === "sms" ? "Text message" : "Message"} />
    </WidgetFrame>
  );
}
