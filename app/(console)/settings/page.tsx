import { requirePagePrincipal } from "@/lib/auth/session";
import { getSettings } from "@/lib/users/settings";
import { listApiTokens } from "@/lib/users/api-token-admin";
import { NotificationSetting } from "@/components/settings/notification-setting";
import { OwnPhoneSetting } from "@/components/settings/own-phone-setting";
import { ApiTokens } from "@/components/settings/api-tokens";

export const metadata = { title: "Settings" };

export default async function SettingsPage() {
  const principal = await requirePagePrincipal("AGENT");
  const [settings, tokens] = await Promise.all([getSettings({ principal }), listApiTokens({ principal })]);
  return (
    <div className="max-w-2xl space-y-8">
      <h1 className="text-xl font-semibold">Settings</h1>
      <section aria-labelledby="phone-heading" className="space-y-2">
        <h2 id="phone-heading" className="text-base font-semibold">Phone</h2>
        <OwnPhoneSetting initial={settings.phone} />
      </section>
      <section aria-labelledby="notifications-heading" className="space-y-2">
        <h2 id="notifications-heading" className="text-base font-semibold">Notifications</h2>
        <NotificationSetting initial={settings.notifyNewMessages} />
      </section>
      <section aria-labelledby="tokens-heading" className="space-y-2">
        <h2 id="tokens-heading" className="text-base font-semibold">API tokens</h2>
        <p className="text-sm text-slate-600">For other clients (mobile, Communication Panel): send as <code>Authorization: Bearer …</code> to <a className="underline" href="/api/v1/openapi.json">/api/v1</a>, or as <code>auth.token</code> in the socket.io handshake.</p>
        <ApiTokens initial={tokens} />
      </section>
    </div>
  );
}
