"use client";

import { signOut } from "next-auth/react";
import { forgetMissedNotice } from "@/components/rooms/missed-messages-notice";

export function SignOutButton() {
  return (
    <button type="button" onClick={() => {
        forgetMissedNotice();
        void signOut({ callbackUrl: "/sign-in" });
      }}
      className="rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100">
      Sign out
    </button>
  );
}
