export const metadata = { title: "Conversations" };

export default function ConversationsPage() {
  return <p className="hidden rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-600 md:block">Choose a conversation on the left.</p>;
}
