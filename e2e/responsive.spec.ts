// Every page, for every role, at phone (390×844) and tablet (768×1024) width: nothing scrolls
// sideways, and the phone nav (bottom tabs + menu) reaches every page the role may open. At a
// desk (1024 px, where the desk bar starts, and 1440×900) no page scrolls sideways and the whole bar,
// Sign out included, is on screen; an admin finds every settings page, Users and Audit log included, in one menu.
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { ADMIN_SETTINGS_PAGES, stateFile } from "./helpers";

type Role = "agent" | "manager" | "admin";
const WORK = ["/", "/leads", "/tasks", "/calling"];
const SUPERVISOR = ["/live", "/dashboard", "/campaigns", "/reports/sources", "/leads/import"];
const PAGES: Record<Role, string[]> = {
  agent: [...WORK, "LEAD", "/settings/account"],
  manager: [...WORK, "LEAD", ...SUPERVISOR, "/settings/routing", "/settings/account"],
  admin: [...WORK, "LEAD", ...SUPERVISOR, ...ADMIN_SETTINGS_PAGES, "/settings/account"],
};
/** What the phone menu lists, by name, for each role. */
const MENU: Record<Role, [string, string][]> = {
  agent: [
    ["Home", "/"],
    ["Leads", "/leads"],
    ["Tasks", "/tasks"],
    ["Dialer", "/calling"],
    ["Your account", "/settings/account"],
  ],
  manager: [
    ["Live", "/live"],
    ["Dashboard", "/dashboard"],
    ["Campaigns", "/campaigns"],
    ["Reports", "/reports/sources"],
    ["Lead routing", "/settings/routing"],
    ["Your account", "/settings/account"],
  ],
  admin: [
    ["Telephony", "/settings/telephony"],
    ["Calling", "/settings/calling"],
    ["Compliance", "/settings/compliance"],
    ["Lead fields", "/settings/fields"],
    ["Lead sources", "/settings/lead-sources"],
    ["Lead routing", "/settings/routing"],
    ["API keys", "/settings/developers"],
    ["Webhooks", "/settings/webhooks"],
    ["Users", "/settings/users"],
    ["Audit log", "/settings/audit"],
  ],
};

async function sideScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/**
 * Opens each page ("LEAD": the given lead's) and lists those that scroll sideways, with what `check`
 * adds (it runs on each page once loaded: its own assertions, or a problem to list).
 */
async function pagesWiderThanScreen(
  page: Page,
  paths: string[],
  lead: string,
  check: (path: string) => Promise<string | null | undefined | void>,
): Promise<string[]> {
  const wide: string[] = [];
  for (const p of paths) {
    const path = p === "LEAD" ? `/leads/${lead}` : p;
    await page.goto(path);
    await expect(page.getByRole("heading").first()).toBeVisible();
    await page.waitForLoadState("networkidle");
    const over = await sideScroll(page);
    if (over > 0) wide.push(`${path} (+${over} px)`);
    const problem = await check(path);
    if (problem) wide.push(problem);
  }
  return wide;
}

async function firstLead(page: Page): Promise<string> {
  const res = await page.request.get("/api/v1/leads?limit=1");
  expect(res.ok()).toBe(true);
  return (await res.json()).items[0].id as string;
}

for (const role of ["agent", "manager", "admin"] as const) {
  test.describe(`${role} on small screens`, () => {
    test.use({ storageState: stateFile(role) });

    for (const [width, height] of [
      [390, 844],
      [768, 1024],
    ] as const) {
      test(`no page scrolls sideways at ${width} px`, async ({ page }) => {
        await page.setViewportSize({ width, height });
        const lead = await firstLead(page);
        // Lists with rows, as a real admin's are: a key and a lead source (their tables once scrolled the page sideways).
        if (role === "admin") {
          const stamp = `${width}-${Date.now()}`;
          expect((await page.request.post("/api/v1/api-keys", { data: { name: `Phone ${stamp}`, scopes: ["leads:read"] } })).ok()).toBe(
            true,
          );
          expect((await page.request.post("/api/v1/lead-sources", { data: { name: `Portal ${stamp}` } })).ok()).toBe(true);
          const hook = { url: `https://hooks.example.com/a/very/long/path/for/zapier/catch/${stamp}`, events: ["lead.created"] };
          expect((await page.request.post("/api/v1/webhook-endpoints", { data: hook })).ok()).toBe(true);
        }
        const wide = await pagesWiderThanScreen(page, PAGES[role], lead, async (path) => {
          // The search box keeps a usable width (it once shrank to a 30 px square beside the filters).
          if (path === "/leads") expect((await page.locator("#lead-search").boundingBox())?.width ?? 0).toBeGreaterThan(200);
          await expect(page.getByRole("navigation", { name: "Main (phone)" })).toBeVisible();
        });
        expect(wide, "pages that scroll sideways").toEqual([]);
      });
    }

    test("the phone nav reaches every page", async ({ page }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto("/");
      const tabs = page.getByRole("navigation", { name: "Main (phone)" });
      for (const [name, path] of [
        ["Leads", "/leads"],
        ["Tasks", "/tasks"],
        ["Dialer", "/calling"],
        ["Home", "/"],
      ] as const) {
        // A tab's name may carry its badge ("Tasks 3 due").
        const tab = tabs.getByRole("link", { name: new RegExp(`^${name}\\b`) });
        await tab.click();
        await expect(page).toHaveURL((u) => u.pathname === path);
        await expect(tab).toHaveAttribute("aria-current", "page");
      }
      for (const [name, path] of MENU[role]) {
        await tabs.getByRole("button", { name: "Menu" }).click();
        const menu = page.getByRole("dialog", { name: "Menu" });
        await expect(menu).toBeVisible();
        await menu.getByRole("link", { name, exact: true }).click();
        await expect(page).toHaveURL((u) => u.pathname === path);
        await expect(menu).toBeHidden();
      }
      // Escape closes the menu; Sign out is in it.
      await tabs.getByRole("button", { name: "Menu" }).click();
      await expect(page.getByRole("dialog", { name: "Menu" }).getByRole("button", { name: "Sign out" })).toBeVisible();
      await page.keyboard.press("Escape");
      await expect(page.getByRole("dialog", { name: "Menu" })).toBeHidden();
    });
  });
}

for (const role of ["agent", "manager", "admin"] as const) {
  test.describe(`${role} at a desk`, () => {
    test.use({ storageState: stateFile(role) });
    for (const [width, height] of [
      [1024, 768],
      [1440, 900],
    ] as const) {
      test(`the desk bar fits and no page scrolls sideways at ${width} px`, async ({ page }) => {
        await page.setViewportSize({ width, height });
        const lead = await firstLead(page);
        // The work pages (the bar is widest for a manager: every work link, call alerts, the break control).
        const work = PAGES[role].filter((x) => !x.startsWith("/settings/") || x === "/settings/account");
        const wide = await pagesWiderThanScreen(page, work, lead, async (path) => {
          await expect(page.getByRole("navigation", { name: "Main", exact: true })).toBeVisible();
          const signOut = await page.getByRole("banner").getByRole("button", { name: "Sign out" }).boundingBox();
          return !signOut || signOut.x + signOut.width > width ? `${path}: Sign out off screen` : null;
        });
        expect(wide, "pages wider than the screen").toEqual([]);
      });
    }
  });
}

test.describe("admin at a desk", () => {
  test.use({ storageState: stateFile("admin"), viewport: { width: 1440, height: 900 } });

  test("finds every settings page in one Settings menu, by keyboard too", async ({ page }) => {
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Main" });
    expect(await sideScroll(page)).toBeLessThanOrEqual(0);
    for (const [name, path] of MENU.admin) {
      await nav.getByRole("button", { name: "Settings" }).click();
      await nav.getByRole("link", { name, exact: true }).click();
      await expect(page).toHaveURL((u) => u.pathname === path);
      await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name, exact: true })).toHaveAttribute(
        "aria-current",
        "page",
      );
    }
    await nav.getByRole("button", { name: "Settings" }).focus();
    await page.keyboard.press("Enter");
    await expect(nav.getByRole("link", { name: "Users", exact: true })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(nav.getByRole("link", { name: "Users", exact: true })).toBeHidden();
  });
});
