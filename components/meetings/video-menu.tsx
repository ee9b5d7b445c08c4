"use client";

/**
 * The video button of a chat widget (chats only; the widget does not show it
 * in SMS conversations): start a meeting, share the screen, or schedule one.
 * The server posts the link into the chat; this opens it or saves the invite.
 * Styled for the widget's dark header (it inherits the header's text color);
 * the menu stays narrow enough for the widget frame, which clips overflow,
 * and the schedule form is a modal <dialog>, drawn above everything.
 */
import { useEffect, useRef, useState, type FormEvent } from "react";
import { api, ApiError } from "@/components/common/api-client";
import type { StartedMeeting } from "@/lib/meetings/start-meeting";

const errorText = (error: unknown, fallback: string) => (error instanceof ApiError ? error.message : fallback);

/** The next half hour, as a datetime-local value in the person's own time zone. */
function nextHalfHour(): string {
  const date = new Date(Date.now() + 30 * 60_000);
  date.setMinutes(date.getMinutes() < 30 ? 30 : 60, 0, 0);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

async function downloadInvite(meetingId: string): Promise<void> {
  // The relative path: same origin as the session cookie, whatever the public URL is.
  const response = await fetch(`/api/v1/meetings/${meetingId}/invite.ics`, { credentials: "same-origin" });
  if (!response.ok) throw new Error("invite download failed");
  const href = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = href;
  link.download = "meeting.ics";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

export function VideoMenu({ roomId, onError }: { roomId: string; onError: (message: string) => void }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [scheduling, setScheduling] = useState(false);
  const menu = useRef<HTMLDivElement>(null);
  const items = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !menu.current?.contains(event.target as Node)) setOpen(false);
    };
    items.current?.querySelector("button")?.focus();
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  async function startNow(kind: "instant" | "screen-share") {
    setOpen(false);
    // Open the tab during the click (popup blockers allow that), then point it at the meeting once it exists.
    const tab = window.open("", "_blank");
    if (tab) tab.opener = null;
    setBusy(true);
    try {
      const { meeting } = await api<StartedMeeting>(`/api/v1/rooms/${roomId}/meetings`, { body: { kind } });
      if (tab) tab.location.href = meeting.url;
      else onError("Your browser blocked the new tab. Open the meeting from the link posted in the chat.");
    } catch (e) {
      tab?.close();
      onError(errorText(e, kind === "instant" ? "The video meeting could not be started." : "Screen sharing could not be started."));
    } finally {
      setBusy(false);
    }
  }

  /** Arrow keys move between the items, as in any menu. */
  function moveFocus(event: React.KeyboardEvent) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    event.preventDefault();
    const buttons = Array.from(items.current?.querySelectorAll("button") ?? []);
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    buttons[(at + (event.key === "ArrowDown" ? 1 : buttons.length - 1)) % buttons.length]?.focus();
  }

  return (
    <div ref={menu} className="relative">
      <button type="button" aria-label="Video" aria-haspopup="menu" aria-expanded={open} disabled={busy} onClick={() => setOpen((v) => !v)}
        className="rounded p-1 hover:bg-white/20 disabled:opacity-50">
        <svg aria-hidden viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <rect x="3" y="6" width="13" height="12" rx="2" /><path d="m16 10 5-3v10l-5-3z" />
        </svg>
      </button>
      {open ? (
        <div ref={items} role="menu" aria-label="Video" onKeyDown={moveFocus} className="absolute right-0 top-8 z-20 w-44 rounded-lg border border-slate-200 bg-white py-1 text-sm text-slate-800 shadow-lg">
          <button type="button" role="menuitem" onClick={() => void startNow("instant")} className="block w-full px-3 py-2 text-left hover:bg-slate-100">Start video meeting</button>
          <button type="button" role="menuitem" onClick={() => void startNow("screen-share")} className="block w-full px-3 py-2 text-left hover:bg-slate-100">Share screen</button>
          <button type="button" role="menuitem" onClick={() => { setOpen(false); setScheduling(true); }} className="block w-full px-3 py-2 text-left hover:bg-slate-100">Schedule meeting…</button>
        </div>
      ) : null}
      {scheduling ? <ScheduleDialog roomId={roomId} onClose={() => setScheduling(false)} /> : null}
    </div>
  );
}

function ScheduleDialog({ roomId, onClose }: { roomId: string; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [title, setTitle] = useState("");
  const [startsAt, setStartsAt] = useState(nextHalfHour);
  const [duration, setDuration] = useState(30);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<{ meetingId: string; when: string; downloaded: boolean } | null>(null);

  useEffect(() => {
    if (!dialog.current?.open) dialog.current?.showModal();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const start = new Date(startsAt);
    if (Number.isNaN(start.getTime())) return setError("Choose a date and time.");
    setError(null);
    setSaving(true);
    try {
      const { meeting } = await api<StartedMeeting>(`/api/v1/rooms/${roomId}/meetings`, { body: { kind: "scheduled", title, startsAt: start.toISOString(), durationMinutes: duration } });
      const downloaded = await downloadInvite(meeting.id).then(() => true, () => false);
      setDone({ meetingId: meeting.id, when: start.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }), downloaded });
    } catch (e) {
      setError(errorText(e, "The meeting could not be scheduled."));
    } finally {
      setSaving(false);
    }
  }

  const field = "mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm";
  return (
    <dialog ref={dialog} onClose={onClose} aria-labelledby="schedule-title" className="m-auto w-full max-w-sm rounded-lg bg-white p-0 text-left text-slate-900 backdrop:bg-slate-900/40">
      {done ? (
        <div className="space-y-4 p-5" role="status">
          <h2 id="schedule-title" className="text-lg font-semibold">Meeting scheduled</h2>
          <p className="text-sm text-slate-700">
            {done.when} · {duration} min. The link is posted in the chat{done.downloaded ? " and the calendar invite was downloaded." : "."}
          </p>
          <div className="flex justify-end gap-2">
            <a href={`/api/v1/meetings/${done.meetingId}/invite.ics`} download="meeting.ics" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
              {done.downloaded ? "Download invite again" : "Download invite"}
            </a>
            <button type="button" onClick={onClose} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white">Done</button>
          </div>
        </div>
      ) : (
        <form onSubmit={submit} className="space-y-4 p-5">
          <h2 id="schedule-title" className="text-lg font-semibold">Schedule a meeting</h2>
          <div>
            <label htmlFor="meeting-title" className="block text-sm font-medium">Title</label>
            <input id="meeting-title" required maxLength={120} value={title} onChange={(e) => setTitle(e.target.value)} className={field} />
          </div>
          <div>
            <label htmlFor="meeting-start" className="block text-sm font-medium">Date and time</label>
            <input id="meeting-start" type="datetime-local" required value={startsAt} onChange={(e) => setStartsAt(e.target.value)} className={field} />
          </div>
          <div>
            <label htmlFor="meeting-duration" className="block text-sm font-medium">Duration (minutes)</label>
            <input id="meeting-duration" type="number" required min={5} max={480} step={5} value={duration} onChange={(e) => setDuration(e.target.valueAsNumber || 0)} className={field} />
          </div>
          {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
          <div className="flex justify-end gap-2">
            <button type="button" onClick={onClose} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">Cancel</button>
            <button type="submit" disabled={saving} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">{saving ? "Scheduling…" : "Schedule"}</button>
          </div>
        </form>
      )}
    </dialog>
  );
}
