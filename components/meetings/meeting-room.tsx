"use client";

/**
 * The meeting page a chat link opens. Honest scope: this is a local preview
 * only. Parley has no media server (SFU) or WebRTC signalling yet, so the
 * camera and the shared screen are shown to the person who turned them on
 * and are NOT sent to the other members who open the same link. Connecting a
 * media server (LiveKit, Jitsi, mediasoup…) is what would make it a call; the
 * page says so to the people using it, too.
 */
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useInBrowser } from "@/components/common/local-time";
import type { MeetingDto } from "@/lib/meetings/start-meeting";

type Source = "camera" | "screen";

const KIND_LABEL: Record<MeetingDto["kind"], string> = { instant: "Video meeting", "screen-share": "Screen share", scheduled: "Scheduled meeting" };

/** Turns a getUserMedia / getDisplayMedia failure into something a person can act on. */
function mediaErrorMessage(error: unknown, source: Source): string {
  const what = source === "camera" ? "your camera" : "your screen";
  const name = error instanceof DOMException ? error.name : "";
  if (name === "NotAllowedError" || name === "PermissionDeniedError") {
    return source === "camera"
      ? "Parley is not allowed to use your camera. Allow camera access for this site in your browser's address bar or settings, then try again."
      : "Screen sharing was cancelled or is blocked. Choose a screen, window or tab to share, and allow it if your browser asks.";
  }
  if (name === "NotFoundError" || name === "DevicesNotFoundError") return "No camera was found. Connect one and try again.";
  if (name === "NotReadableError" || name === "TrackStartError") return `Could not start ${what}: another application may be using it. Close it and try again.`;
  if (name === "OverconstrainedError") return "Your camera does not support the requested settings.";
  if (name === "SecurityError") return `Your browser blocked access to ${what} on this page.`;
  return `Could not start ${what}. Please try again.`;
}

/** The start in the person's own time zone; the server (and hydration) render UTC, which the browser then replaces. */
function MeetingTime({ iso, minutes }: { iso: string; minutes: number | null }) {
  const inBrowser = useInBrowser();
  const date = new Date(iso);
  const when = inBrowser ? date.toLocaleString(undefined, { dateStyle: "full", timeStyle: "short" }) : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
  return <time dateTime={iso} className="text-sm text-slate-600">{minutes ? `${when} · ${minutes} min` : when}</time>;
}

export function MeetingRoom({ meeting, invitePath, userName }: { meeting: MeetingDto; invitePath: string | null; userName: string }) {
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const [source, setSource] = useState<Source | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [left, setLeft] = useState(false);

  function stop() {
    stream.current?.getTracks().forEach((track) => track.stop());
    stream.current = null;
    if (video.current) video.current.srcObject = null;
    setSource(null);
  }

  // Release the camera / screen when the page goes away.
  useEffect(() => () => stream.current?.getTracks().forEach((track) => track.stop()), []);

  async function start(next: Source) {
    setError(null);
    const devices = typeof navigator === "undefined" ? undefined : navigator.mediaDevices;
    const supported = next === "camera" ? typeof devices?.getUserMedia === "function" : typeof devices?.getDisplayMedia === "function";
    if (!devices || !supported) {
      setError(next === "camera" ? "This browser cannot use a camera here. Camera and screen sharing need a secure (https) connection and a current browser." : "This browser cannot share the screen (screen sharing is not available on most phones).");
      return;
    }
    setBusy(true);
    try {
      const media = next === "camera" ? await devices.getUserMedia({ video: true, audio: true }) : await devices.getDisplayMedia({ video: true, audio: false });
      stop();
      stream.current = media;
      // The browser's own "Stop sharing" button (or unplugging the camera) ends the track.
      media.getVideoTracks()[0]?.addEventListener("ended", () => { if (stream.current === media) stop(); });
      if (video.current) video.current.srcObject = media;
      setSource(next);
      setLeft(false);
    } catch (e) {
      setError(mediaErrorMessage(e, next));
    } finally {
      setBusy(false);
    }
  }

  function leave() {
    stop();
    setLeft(true);
    // Closes the tab the chat widget opened; a tab the person opened themselves stays, showing "You left".
    window.close();
  }

  return (
    <main className="mx-auto flex min-h-screen max-w-4xl flex-col gap-4 px-4 py-6">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{KIND_LABEL[meeting.kind]}</p>
          <h1 className="text-xl font-semibold text-slate-900">{meeting.title}</h1>
          {meeting.startsAt ? <p><MeetingTime iso={meeting.startsAt} minutes={meeting.durationMinutes} /></p> : null}
        </div>
        {invitePath ? (
          <a href={invitePath} download="meeting.ics" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50">Add to calendar</a>
        ) : null}
      </header>

      <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
        Preview only: your camera and screen are shown here on your device; they are not yet sent to the other people in the chat.
      </p>

      <div className="relative aspect-video w-full overflow-hidden rounded-lg bg-slate-900">
        {/* Muted: this is your own preview, playing your microphone back would echo. */}
        <video ref={video} autoPlay playsInline muted aria-label={source === "screen" ? "Your shared screen" : "Your camera"}
          className={`h-full w-full ${source === "screen" ? "object-contain" : "-scale-x-100 object-cover"} ${source ? "" : "hidden"}`} />
        {source ? null : (
          <div className="absolute inset-0 flex items-center justify-center p-6 text-center text-sm text-slate-300">
            {left ? "You left the meeting. You can close this tab." : `${userName}, your camera is off.`}
          </div>
        )}
      </div>

      {error ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{error}</p> : null}

      <div className="flex flex-wrap items-center gap-2">
        {source === "camera" ? (
          <button type="button" onClick={stop} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">Turn off camera</button>
        ) : (
          <button type="button" disabled={busy} onClick={() => void start("camera")} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">Turn on camera</button>
        )}
        {source === "screen" ? (
          <button type="button" onClick={stop} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">Stop sharing</button>
        ) : (
          <button type="button" disabled={busy} onClick={() => void start("screen")} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm disabled:opacity-50">Share screen</button>
        )}
        <button type="button" onClick={leave} className="ml-auto rounded-md bg-red-600 px-3 py-1.5 text-sm font-medium text-white">Leave</button>
      </div>
      {left ? <Link href="/picklist" className="text-sm text-brand-700 underline">Back to the console</Link> : null}
    </main>
  );
}
