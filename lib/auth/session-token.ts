/**
 * Reads the next-auth session cookie outside of Next.js (the socket.io
 * handshake), so sockets authenticate with exactly the same session as pages.
 */
import { decode } from "next-auth/jwt";
import { env } from "../env";
import { loadPrincipal } from "./load-principal";
import type { Principal } from "./principal";

const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    const name = part.slice(0, index).trim();
    const value = part.slice(index + 1).trim();
    try {
      cookies.set(name, decodeURIComponent(value));
    } catch {
      cookies.set(name, value);
    }
  }
  return cookies;
}

/** The principal of a Cookie header, or null when it holds no valid session. */
export async function principalFromCookieHeader(header: string | undefined): Promise<Principal | null> {
  const cookies = parseCookies(header);
  for (const name of SESSION_COOKIES) {
    const token = cookies.get(name);
    if (!token) continue;
    const jwt = await decode({ token, secret: env.NEXTAUTH_SECRET }).catch(() => null);
    if (jwt?.userId) return loadPrincipal(jwt.userId);
  }
  return null;
}
