import type { Channel } from "@/lib/generated/prisma/enums";

const styles: Record<Channel, { label: string; className: string }> = {
  WEBCHAT: { label: "Web chat", className: "bg-sky-100 text-sky-800" },
  SMS: { label: "SMS", className: "bg-violet-100 text-violet-800" },
  WHATSAPP: { label: "WhatsApp", className: "bg-emerald-100 text-emerald-800" },
};

export function ChannelBadge({ channel }: { channel: Channel }) {
  const style = styles[channel];
  return <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${style.className}`}>{style.label}</span>;
}

export function customerLabel(customer: { name: string; phone: string | null }): string {
  return customer.name || customer.phone || "Customer";
}
