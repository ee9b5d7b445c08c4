import { redirect } from "next/navigation";
import { getPrincipal } from "@/lib/auth/session";

// Answers (or redirects) only once it knows who is asking: no static frame first.
export const instant = false;

export default async function Home() {
  const principal = await getPrincipal();
  redirect(principal ? "/picklist" : "/sign-in");
}
