import type { Principal } from "@/lib/auth/principal";
import { hasRole } from "@/lib/auth/principal";
import { SocketProvider } from "@/components/realtime/socket-provider";
import { ToastProvider } from "@/components/common/toast";
import { OfferBanner } from "@/components/conversations/offer-banner";
import { NewMessageNotifier } from "./new-message-notifier";
import { ConsoleNav, type NavItem } from "./console-nav";
import { PresenceIndicator } from "./presence-indicator";
import { SignOutButton } from "./sign-out-button";
import { WidgetProvider } from "@/components/rooms/widget-provider";
import { WidgetDock } from "@/components/rooms/widget-dock";
import { ContactsPanel } from "@/components/rooms/contacts-panel";
import { MissedMessagesNotice } from "@/components/rooms/missed-messages-notice";

const roleLabels = { AGENT: "Agent", SUPERVISOR: "Supervisor", ADMIN: "Admin" } as const;

/** The frame around every console page: navigation, the signed-in user and their presence. */
export function ConsoleShell({ principal, notify, children }: { principal: Principal; notify: boolean; children: React.ReactNode }) {
  const items: NavItem[] = [
    { href: "/picklist", label: "Picklist" },
    { href: "/conversations", label: "Conversations" },
    { href: "/history", label: "History" },
    { href: "/messages", label: "Messages" },
    { href: "/settings", label: "Settings" },
    ...(hasRole(principal, "SUPERVISOR") ? [{ href: "/configuration", label: "Configuration" }] : []),
  ];
  return (
    <SocketProvider>
      <ToastProvider>
      <WidgetProvider me={{ userId: principal.userId, name: principal.name }} notify={notify}>
      <NewMessageNotifier currentUserId={principal.userId} enabled={notify} />
      <div className="flex min-h-full flex-col md:flex-row">
        <aside className="border-b border-slate-200 bg-white md:w-48 md:shrink-0 md:border-b-0 md:border-r">
          <div className="flex items-center justify-between px-4 py-3 md:block">
            <p className="text-lg font-semibold text-brand-700">Parley</p>
            <div className="text-right md:mt-3 md:text-left">
              <p className="text-sm font-medium" data-testid="current-user">{principal.name}</p>
              <p className="text-xs text-slate-500">{roleLabels[principal.role]}</p>
              <PresenceIndicator />
            </div>
          </div>
          <div className="px-2 pb-2 md:pb-4">
            <ConsoleNav items={items} />
          </div>
          <div className="hidden px-4 pb-4 md:block">
            <SignOutButton />
          </div>
        </aside>
        <div className="min-w-0 flex-1">
          <MissedMessagesNotice userId={principal.userId} />
          <OfferBanner />
          <main className="p-4 md:p-6">{children}</main>
        </div>
        <ContactsPanel />
        <div className="border-t border-slate-200 bg-white px-4 py-2 md:hidden">
          <SignOutButton />
        </div>
      </div>
      <WidgetDock />
      </WidgetProvider>
      </ToastProvider>
    </SocketProvider>
  );
}
