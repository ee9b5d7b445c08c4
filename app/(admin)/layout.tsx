import { ConsoleShell } from "@/components/console/console-shell";
import { requirePagePrincipal } from "@/lib/auth/session";
import { getSettings } from "@/lib/users/settings";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const principal = await requirePagePrincipal("SUPERVISOR");
  const settings = await getSettings({ principal });
  return <ConsoleShell principal={principal} notify={settings.notifyNewMessages}>{children}</ConsoleShell>;
}
