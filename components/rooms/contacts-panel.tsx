"use client";

/** The contacts sidebar as a right-hand column on wide screens and a slide-over behind a button on narrow ones. */
import { useState } from "react";
import { ContactsSidebar } from "./contacts-sidebar";
import { CloseIcon, PeopleIcon } from "./icons";

export function ContactsPanel() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <div className="hidden w-60 shrink-0 xl:block">
        <div className="sticky top-0 h-screen"><ContactsSidebar /></div>
      </div>
      <button type="button" aria-label="Contacts" onClick={() => setOpen(true)} className="fixed bottom-3 left-3 z-30 rounded-full border border-slate-300 bg-white p-2 shadow xl:hidden">
        <PeopleIcon className="h-5 w-5" />
      </button>
      {open ? (
        <div className="fixed inset-0 z-40 flex justify-end bg-black/30 xl:hidden" onClick={() => setOpen(false)}>
          <div className="relative h-full w-72" onClick={(e) => e.stopPropagation()}>
            <button type="button" aria-label="Close contacts" onClick={() => setOpen(false)} className="absolute right-2 top-2 z-10 rounded p-1 hover:bg-slate-100"><CloseIcon /></button>
            <ContactsSidebar />
          </div>
        </div>
      ) : null}
    </>
  );
}
