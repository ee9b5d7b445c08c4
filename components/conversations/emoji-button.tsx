"use client";

import { EmojiPicker } from "frimousse";
import { useState } from "react";

/** An emoji picker in a small popover; emoji data is served by Parley itself (/emoji-data). */
export function EmojiButton({ onPick }: { onPick: (emoji: string) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="relative">
      <button type="button" aria-label="Insert emoji" aria-expanded={open} onClick={() => setOpen((v) => !v)}
        className="rounded-md p-2 text-slate-600 hover:bg-slate-100">
        <svg aria-hidden viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          <circle cx="12" cy="12" r="9" /><path d="M8.5 14.5a4.5 4.5 0 0 0 7 0" /><path d="M9 9.5h.01M15 9.5h.01" />
        </svg>
      </button>
      {open ? (
        <div className="absolute bottom-12 left-0 z-20 rounded-lg border border-slate-200 bg-white shadow-lg">
          <EmojiPicker.Root className="flex h-80 w-72 flex-col" emojibaseUrl="/emoji-data"
            onEmojiSelect={({ emoji }) => { onPick(emoji); setOpen(false); }}>
            <EmojiPicker.Search className="m-2 rounded-md border border-slate-300 px-2 py-1 text-sm" aria-label="Search emoji" />
            <EmojiPicker.Viewport className="relative flex-1 outline-none">
              <EmojiPicker.Loading className="p-4 text-sm text-slate-500">Loading…</EmojiPicker.Loading>
              <EmojiPicker.Empty className="p-4 text-sm text-slate-500">No emoji found.</EmojiPicker.Empty>
              <EmojiPicker.List
                className="select-none pb-1"
                components={{
                  CategoryHeader: ({ category, ...props }) => <div className="bg-white px-2 pt-2 pb-1 text-xs font-medium text-slate-500" {...props}>{category.label}</div>,
                  Row: ({ children, ...props }) => <div className="scroll-my-1 px-1" {...props}>{children}</div>,
                  Emoji: ({ emoji, ...props }) => <button className="flex size-8 items-center justify-center rounded-md text-lg data-[active]:bg-slate-100" {...props}>{emoji.emoji}</button>,
                }}
              />
            </EmojiPicker.Viewport>
          </EmojiPicker.Root>
        </div>
      ) : null}
    </div>
  );
}
