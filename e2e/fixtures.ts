// The specs' `test`: Playwright's, plus a guard that fails a test when the browser reports a
// Content-Security-Policy violation or a hydration error in any page of any context it opened.
import { type BrowserContext, test as base, expect } from "@playwright/test";

const VIOLATION = /Content Security Policy|Permissions-Policy|Refused to (load|execute|apply|connect|frame|evaluate|run)/i;
/** React's hydration failures (minified in production builds: errors 418, 423, 425). */
const HYDRATION = /hydrat|Minified React error #(418|423|425)/i;

// biome-ignore lint/suspicious/noConfusingVoidType: an auto fixture that provides nothing (Playwright's idiom).
export const test = base.extend<{ cspGuard: void }>({
  cspGuard: [
    async ({ context, browser }, use) => {
      const violations: string[] = [];
      const watch = (ctx: BrowserContext) => {
        ctx.on("console", (m) => (VIOLATION.test(m.text()) || HYDRATION.test(m.text())) && violations.push(m.text()));
        ctx.on("weberror", (e) => HYDRATION.test(e.error().message) && violations.push(e.error().message));
      };
      watch(context);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        const ctx = await newContext(options);
        watch(ctx);
        return ctx;
      };
      await use();
      browser.newContext = newContext;
      expect(violations, "CSP violations or hydration errors in the browser console").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
