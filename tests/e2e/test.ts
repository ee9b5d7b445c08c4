/**
 * The browser tests' `test`: a test fails when one of its pages threw an uncaught error, and says which. Without it a
 * crashed console shows up only as a locator timing out a minute later (the "To" search once crashed it that way).
 */
import { expect, test as base, type BrowserContext } from "@playwright/test";

export { expect };

const pageErrors: string[] = [];

/** Records uncaught errors of every page of the context (agentPage and customerPage make their own contexts). */
export function watchPageErrors(context: BrowserContext): void {
  context.on("weberror", (webError) => pageErrors.push(`${webError.page()?.url() ?? "a page"}: ${webError.error().stack ?? webError.error().message}`));
}

export const test = base.extend<{ noPageErrors: void }>({
  // The fixture callback is named `provide`, not Playwright's usual `use`, which the React hooks lint rule takes for React's.
  context: async ({ context }, provide) => {
    watchPageErrors(context);
    await provide(context);
  },
  noPageErrors: [
    async ({}, provide) => {
      pageErrors.length = 0;
      await provide();
      expect(pageErrors, "uncaught errors in the browser pages").toEqual([]);
    },
    { auto: true },
  ],
});
