// Production hardening as a browser sees it: headers on pages and API answers, the sign-in page,
// redirects after sign-in, brute-force messages, the account page and the audit log.

import { expect, test } from "./fixtures";
import { artifact, DEMO, PASSWORD, stateFile } from "./helpers";

test("every page and API answer carries the security headers; pages get a fresh CSP nonce", async ({ page, request }) => {
  const first = await request.get("/sign-in");
  const second = await request.get("/sign-in");
  const csp = first.headers()["content-security-policy"]!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(second.headers()["content-security-policy"]).not.toBe(csp);
  for (const res of [first, await request.get("/api/v1/leads"), await request.get("/favicon.svg")]) {
    const h = res.headers();
    expect(h["x-frame-options"], res.url()).toBe("DENY");
    expect(h["x-content-type-options"], res.url()).toBe("nosniff");
    expect(h["referrer-policy"], res.url()).toBe("strict-origin-when-cross-origin");
    expect(h["permissions-policy"], res.url()).toContain("camera=()");
  }
  expect((await request.get("/api/v1/leads")).headers()["content-security-policy"]).toContain("default-src 'none'");
  // The page's scripts run under the nonce (the fixture fails the test on any CSP violation).
  await page.goto("/sign-in");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
});

test("a path that is not valid percent-encoding is a 400, signed in or not, never a 500", async ({ request, browser }) => {
  const signedIn = await browser.newContext({ storageState: stateFile("agent") });
  for (const client of [request, signedIn.request]) {
    for (const path of ["/api/v1/leads/%ff", "/leads/%ff", "/api/v1/leads/%E0%A4%A"]) {
      const res = await client.get(path, { maxRedirects: 0 });
      expect({ path, status: res.status() }).toEqual({ path, status: 400 });
    }
  }
  await signedIn.close();
});

test("the production sign-in page lists no accounts, and never sends you off our origin afterwards", async ({ page, baseURL }) => {
  await page.goto("/sign-in?next=//evil.example/steal");
  await expect(page.getByRole("heading", { name: "Sign in to Smartflo CRM" })).toBeVisible();
  await expect(page.locator("body")).not.toContainText("demo.local");
  await page.getByLabel("Email").fill(DEMO.agent2);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  await page.screenshot({ path: artifact("sign-in-production.png") });
});

test("too many wrong passwords: the form says how long to wait", async ({ page }) => {
  await page.goto("/sign-in");
  const email = `nobody-${Date.now()}@demo.local`;
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`wrong-${i}-password`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password" })).toBeVisible();
  }
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /Too many sign-in attempts\. Try again in 15 minutes\./ })).toBeVisible();
  await page.screenshot({ path: artifact("sign-in-rate-limited.png") });
});

test.describe("as an admin", () => {
  test.use({ storageState: stateFile("admin") });

  test("a new user changes their password on the account page and signs out their other sessions; the audit log shows it", async ({
    page,
    browser,
  }) => {
    const email = `e2e-account-${Date.now()}@demo.local`;
    const created = await page.request.post("/api/v1/users", {
      data: { name: "Account Tester", email, password: "first-password-123", role: "AGENT" },
    });
    expect(created.status()).toBe(201);

    const signedOut = { storageState: { cookies: [], origins: [] } };
    const other = await browser.newContext(signedOut);
    const tab = await other.newPage();
    await tab.goto("/sign-in");
    await tab.getByLabel("Email").fill(email);
    await tab.getByLabel("Password").fill("first-password-123");
    await tab.getByRole("button", { name: "Sign in" }).click();
    await expect(tab.getByTestId("current-user")).toHaveText("Account Tester");

    const mine = await browser.newContext(signedOut);
    const me = await mine.newPage();
    await me.goto("/sign-in?next=/settings/account");
    await me.getByLabel("Email").fill(email);
    await me.getByLabel("Password").fill("first-password-123");
    await me.getByRole("button", { name: "Sign in" }).click();
    await expect(me.getByRole("heading", { name: "Your account" })).toBeVisible();
    await expect(me.getByTestId("sessions").locator("li")).toHaveCount(2);
    await me.getByLabel("Current password").fill("first-password-123");
    await me.getByLabel("New password", { exact: true }).fill("second-password-456");
    await me.getByLabel("New password again").fill("second-password-456");
    await me.getByRole("button", { name: "Change password" }).click();
    await expect(me.getByText("Password changed.")).toBeVisible();
    await expect(me.getByTestId("sessions").locator("li")).toHaveCount(1);
    await me.screenshot({ path: artifact("account.png"), fullPage: true });
    // The other browser was signed out.
    await tab.reload();
    await expect(tab).toHaveURL(/\/sign-in/);
    await other.close();
    await mine.close();

    await page.goto("/settings/audit");
    await page.getByLabel("Filter by action").selectOption("auth.password_changed");
    const row = page.getByTestId("audit-log").locator("tr[data-action='auth.password_changed']").first();
    await expect(row).toContainText("Account Tester");
    await page.getByLabel("Filter by action").selectOption("");
    await expect(page.getByTestId("audit-log").locator("tr[data-action='user.created']").first()).toContainText("Asha Admin");
    await page.screenshot({ path: artifact("audit-log.png"), fullPage: true });
  });

  test("non-admins get 404 for the audit log", async ({ browser }) => {
    const ctx = await browser.newContext({ storageState: stateFile("manager") });
    const res = await ctx.request.get("/api/v1/audit");
    expect(res.status()).toBe(404);
    const page = await ctx.newPage();
    await page.goto("/settings/audit");
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await ctx.close();
  });
});
