// Accessibility: axe-core on every page, as the role that sees it. No serious or critical
// violation passes (WCAG 2.1 A and AA rules).
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { ADMIN_SETTINGS_PAGES, stateFile } from "./helpers";

async function audit(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
    );
  expect(serious, `axe on ${path}`).toEqual([]);
}

test("the sign-in page", async ({ page }) => {
  await audit(page, "/sign-in");
});

test.describe("an agent's pages", () => {
  test.use({ storageState: stateFile("agent") });
  test("home, leads, a lead, tasks, account, not found", async ({ page }) => {
    const res = await page.request.get("/api/v1/leads?limit=1");
    const leadId = (await res.json()).items[0].id as string;
    const paths = ["/", "/leads", `/leads/${leadId}`, "/tasks", "/calling", "/settings/account", "/leads/no-such-lead"];
    for (const path of paths) await audit(page, path);
  });
});

test.describe("a manager's pages", () => {
  test.use({ storageState: stateFile("manager") });
  test("dashboard, import, lead sources", async ({ page }) => {
    for (const path of ["/dashboard", "/live", "/campaigns", "/reports/sources", "/calling", "/leads/import"]) await audit(page, path);
  });
});

test.describe("an admin's pages", () => {
  test.use({ storageState: stateFile("admin") });
  test("telephony, calling, compliance, users, audit, lead sources with spend", async ({ page }) => {
    for (const path of [...ADMIN_SETTINGS_PAGES, "/reports/sources"]) await audit(page, path);
  });
});
