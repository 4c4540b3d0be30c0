import { expect, test } from "./fixtures";
import { artifact, DEMO, PASSWORD, signInThroughUi, stateFile } from "./helpers";

test.describe("as the demo agent", () => {
  test.use({ storageState: stateFile("agent") });

  test("sees only their own leads and can page through them", async ({ page }) => {
    await page.goto("/leads");
    await expect(page.getByRole("heading", { name: "Leads" })).toBeVisible();
    const rows = page.locator("tbody tr[data-row]");
    await expect(rows.first()).toBeVisible();
    await expect(page.locator("td", { hasText: "Kavya Agent" })).toHaveCount(0);
    await page.screenshot({ path: artifact("leads-list.png"), fullPage: true });
  });

  test("filters, search and sort live in the URL: linkable, kept on reload, Back and Forward step through them", async ({ page }) => {
    await page.goto("/leads");
    await page.getByLabel("Status").selectOption("CONTACTED");
    await expect(page).toHaveURL(/\/leads\?status=CONTACTED$/);
    await page.getByLabel("Sort").selectOption("name:asc");
    await expect(page).toHaveURL(/status=CONTACTED&sort=name%3Aasc$/);
    const names = async () => page.locator("tbody tr[data-row] td:nth-child(1) a").allTextContents();
    // The list answers the new sort a moment later (the old page stays up meanwhile).
    const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    await expect
      .poll(async () => {
        const shown = await names();
        return shown.length > 0 && shown.join("|") === [...shown].sort(byCodeUnit).join("|");
      })
      .toBe(true);
    const statuses = await page
      .locator("tbody tr[data-row] [data-status]")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-status")));
    expect(new Set(statuses)).toEqual(new Set(["CONTACTED"]));

    await page.getByLabel("Search leads").fill("a");
    await expect(page).toHaveURL(/q=a/);
    await page.reload();
    await expect(page.getByLabel("Status")).toHaveValue("CONTACTED");
    await expect(page.getByLabel("Sort")).toHaveValue("name:asc");
    await expect(page.getByLabel("Search leads")).toHaveValue("a");

    await page.goBack(); // the search replaced its entry: Back goes to status only
    await expect(page).toHaveURL(/\/leads\?status=CONTACTED$/);
    await expect(page.getByLabel("Sort")).toHaveValue("updatedAt:desc");
    await expect(page.getByLabel("Search leads")).toHaveValue("");
    await page.goForward();
    await expect(page.getByLabel("Sort")).toHaveValue("name:asc");
    // A link to a filtered list opens it filtered.
    await page.goto("/leads?status=WON");
    await expect(page.getByLabel("Status")).toHaveValue("WON");
  });

  test("cannot open another agent's lead", async ({ page, browser }) => {
    // Find a lead of agent2 through agent2's own session.
    const other = await browser.newContext({ storageState: stateFile("agent2") });
    const res = await other.request.get("/api/v1/leads?limit=1");
    const leadId = (await res.json()).items[0].id as string;
    await other.close();
    const api = await page.request.get(`/api/v1/leads/${leadId}`);
    expect(api.status()).toBe(404);
    const response = await page.goto(`/leads/${leadId}`);
    expect(response?.status()).toBe(404);
  });

  test("creates a lead with validation on both sides", async ({ page }) => {
    await page.goto("/leads");
    await page.getByRole("button", { name: "New lead" }).click();
    const form = page.getByRole("form", { name: "New lead" });
    await form.getByLabel("Name").fill("Playwright Prospect");
    await form.getByLabel("Phone").fill("12");
    await form.getByRole("button", { name: "Create lead" }).click();
    await expect(form.getByText("is not a valid phone number")).toBeVisible();
    await form.getByLabel("Phone").fill(`9${Date.now().toString().slice(-9)}`);
    await form.getByRole("button", { name: "Create lead" }).click();
    await expect(page).toHaveURL(/\/leads\/[a-z0-9]+$/);
    await expect(page.getByRole("heading", { name: "Playwright Prospect" })).toBeVisible();
  });
});

test("a manager sees both agents' leads", async ({ browser }) => {
  const context = await browser.newContext({ storageState: stateFile("manager") });
  const page = await context.newPage();
  await page.goto("/leads");
  await expect(page.locator("td", { hasText: "Arjun Agent" }).first()).toBeVisible();
  await expect(page.locator("td", { hasText: "Kavya Agent" }).first()).toBeVisible();
  await context.close();
});

test("signed-out visitors are sent to sign in, and wrong passwords are explained", async ({ page }) => {
  await page.goto("/leads");
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel("Email").fill(DEMO.agent);
  await page.getByLabel("Password").fill(`${PASSWORD}-wrong`);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password" })).toBeVisible();
  await signInThroughUi(page, DEMO.agent);
});
