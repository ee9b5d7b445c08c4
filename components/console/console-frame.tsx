/**
 * The console layouts' body: the page frame streams at once (the browser
 * starts on styles and scripts), and who is signed in, read from the
 * database, fills it in as soon as it is known. A visitor without a session
 * is still sent to sign-in before anything of the console is shown.
 */
import { Suspense } from "react";
import type { Role } from "@/lib/generated/prisma/enums";
import { requirePagePrincipal } from "@/lib/auth/session";
import { getSettings } from "@/lib/users/settings";
import { ConsoleShell } from "./console-shell";

export function ConsoleFrame({ role, children }: { role: Role; children: React.ReactNode }) {
  return (
    <Suspense fallback={<ConsoleSkeleton />}>
      <SignedInConsole role={role}>{children}</SignedInConsole>
    </Suspense>
  );
}

async function SignedInConsole({ role, children }: { role: Role; children: React.ReactNode }) {
  const principal = await requirePagePrincipal(role);
  const settings = await getSettings({ principal });
  return <ConsoleShell principal={principal} notify={settings.notifyNewMessages}>{children}</ConsoleShell>;
}

/** Same outline as ConsoleShell, so nothing jumps when it arrives. */
function ConsoleSkeleton() {
  return (
    <div className="flex min-h-full flex-col md:flex-row" aria-busy="true">
      <aside className="border-b border-slate-200 bg-white md:w-48 md:shrink-0 md:border-b-0 md:border-r">
        <div className="px-4 py-3">
          <p className="text-lg font-semibold text-brand-700">Parley</p>
        </div>
      </aside>
      <div className="min-w-0 flex-1">
        <main className="p-4 text-sm text-slate-500 md:p-6">Loading…</main>
      </div>
    </div>
  );
}
