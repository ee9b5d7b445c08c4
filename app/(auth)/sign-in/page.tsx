import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getPrincipal } from "@/lib/auth/session";
import { SignInForm } from "./sign-in-form";

// Answers (or redirects) only once it knows who is asking: no static frame first.
export const instant = false;

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  if (await getPrincipal()) redirect("/picklist");
  return (
    <main className="flex min-h-full items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-xl font-semibold">Sign in to Parley</h1>
        <p className="mt-1 text-sm text-slate-600">Use the email and password your administrator gave you.</p>
        <SignInForm />
      </div>
    </main>
  );
}
