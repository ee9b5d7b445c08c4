import Link from "next/link";

export const metadata = { title: "Not allowed" };

export default function ForbiddenPage() {
  return (
    <main className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="text-xl font-semibold">You do not have access to this page</h1>
      <p className="mt-2 text-slate-600">Configuration is for supervisors and administrators. Ask one of them if you need a change.</p>
      <Link href="/picklist" className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 text-white">Back to the console</Link>
    </main>
  );
}
