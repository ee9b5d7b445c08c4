import type { Page } from "@playwright/test";

export const DEMO_PASSWORD = "parley-demo";

/** Signs in through the API (not the form), leaving the session cookie in the page's context. */
export async function signInAs(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  const csrf = await page.request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
  });
  if (!response.ok()) throw new Error(`sign-in failed for ${email}: ${response.status()}`);
}
