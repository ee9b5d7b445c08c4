import { ConsoleFrame } from "@/components/console/console-frame";

export default function AdminLayout({ children }: { children: React.ReactNode }) {
  return <ConsoleFrame role="SUPERVISOR">{children}</ConsoleFrame>;
}
