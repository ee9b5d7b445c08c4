import { ConsoleFrame } from "@/components/console/console-frame";

export default function ConsoleLayout({ children }: { children: React.ReactNode }) {
  return <ConsoleFrame role="AGENT">{children}</ConsoleFrame>;
}
