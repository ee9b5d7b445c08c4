import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePagePrincipal } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getRoom } from "@/lib/rooms/list-rooms";
import { RoomHistory } from "@/components/rooms/room-history";

export const metadata = { title: "Conversation history" };

export default async function RoomHistoryPage({ params }: { params: Promise<{ id: string }> }) {
  const principal = await requirePagePrincipal("AGENT");
  const { id } = await params;
  const room = await getRoom({ principal, roomId: id }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return (
    <section aria-labelledby="room-history-heading" className="max-w-3xl">
      <Link href="/messages" className="text-sm text-brand-700 underline">← Messages</Link>
      <RoomHistory room={room} />
    </section>
  );
}
