// Every admin form saves, and says why when it does not: filled through the UI, read back through
// the JSON API, then an invalid value and its visible error. Whatever a test changes that other
// specs rely on (calling hours, round-robin, an active extra user, a DNC mark) is put back.
import type { Browser, Page } from "@playwright/test";
import { ALL_DAY_CALLING_HOURS } from "../lib/compliance/hours";
import { expect, test } from "./fixtures";
import { stateFile } from "./helpers";

const stamp = () => Date.now().toString().slice(-8);
const NO_CALLING_HOURS = Object.fromEntries(Object.keys(ALL_DAY_CALLING_HOURS).map((d) => [d, null]));

async function getJson<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(url);
  expect(res.ok(), `${url} ${res.status()}`).toBe(true);
  return (await res.json()) as T;
}

const openAllDay = (page: Page) => page.request.put("/api/v1/settings/compliance", { data: { callingHours: ALL_DAY_CALLING_HOURS } });

async function newUser(page: Page, password: string) {
  const email = `forms-${stamp()}@example.com`;
  const res = await page.request.post("/api/v1/users", { data: { name: `Forms User ${stamp()}`, email, password, role: "AGENT" } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string; email: string; name: string };
}

async function signIn(browser: Browser, email: string, password: string) {
  // Signed out: the describe's admin session is the default for new contexts too.
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  return { context, page };
}

test.describe("the admin's forms", () => {
  test.use({ storageState: stateFile("admin") });
  // The suite calls at any hour: whatever a test did, the calling hours are open all day after it.
  test.afterAll(async ({ browser }) => {
    const context = await browser.newContext({ storageState: stateFile("admin") });
    expect((await openAllDay(await context.newPage())).status()).toBe(200);
    await context.close();
  });

  test("new user and their Smartflo number: saved; a short password and a bad number are refused in words", async ({ page }) => {
    const name = `Forms Newuser ${stamp()}`;
    const email = `forms-new-${stamp()}@example.com`;
    await page.goto("/settings/users");
    const form = page.getByRole("form", { name: "New user" });
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Initial password").fill("elevenchars");
    await form.getByRole("button", { name: "Add user" }).click();
    await expect(form.getByText("must be at least 12 characters")).toBeVisible();
    await form.getByLabel("Initial password").fill("twelve-chars-ok");
    await form.getByRole("button", { name: "Add user" }).click();
    await expect(form.getByRole("status")).toHaveText("User created.");
    type U = { id: string; email: string; name: string; role: string; smartfloAgentNumber: string | null };
    const users = () => getJson<{ items: U[] }>(page, "/api/v1/users?all=1").then((d) => d.items);
    const user = (await users()).find((u) => u.email === email);
    expect(user).toMatchObject({ name, role: "AGENT", smartfloAgentNumber: null });

    const row = page.locator(`tr[data-user="${email}"]`);
    const number = `7${stamp().slice(-6)}`;
    await row.getByLabel(`Smartflo agent number of ${name}`).fill("ext-12");
    await row.getByRole("button", { name: "Save" }).click();
    await expect(row.getByRole("alert")).toContainText("must be digits");
    await row.getByLabel(`Smartflo agent number of ${name}`).fill(number);
    await row.getByRole("button", { name: "Save" }).click();
    await expect(row.getByRole("button", { name: "Save" })).toBeDisabled();
    expect((await users()).find((u) => u.email === email)?.smartfloAgentNumber).toBe(number);
    // No extra active agent for the live board and round-robin of later specs.
    expect((await page.request.patch(`/api/v1/users/${user!.id}`, { data: { active: false } })).ok()).toBe(true);
  });

  test("outcome and break reason lists and round-robin: saved; duplicates and a refusal are shown", async ({ page }) => {
    await page.goto("/settings/calling");
    const outcome = `Site visit ${stamp()}`;
    await page.getByLabel("New outcome").fill(outcome);
    await page.getByRole("button", { name: "Add outcome" }).click();
    await expect(page.getByTestId("outcomes")).toContainText(outcome);
    type D = { id: string; label: string; active: boolean };
    const outcomes = () => getJson<{ items: D[] }>(page, "/api/v1/dispositions?all=1").then((d) => d.items);
    expect((await outcomes()).find((o) => o.label === outcome)).toMatchObject({ active: true });
    await page.getByLabel("New outcome").fill(outcome);
    await page.getByRole("button", { name: "Add outcome" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Label is already used" })).toBeVisible();
    // Retired again, so the agents' outcome lists in later specs are as they were.
    await page.getByRole("row").filter({ hasText: outcome }).getByRole("button", { name: "Retire" }).click();
    await expect.poll(async () => (await outcomes()).find((o) => o.label === outcome)?.active).toBe(false);

    const reason = `Training ${stamp()}`;
    await page.getByLabel("New break reason").fill(reason);
    await page.getByRole("button", { name: "Add reason" }).click();
    const row = page.locator(`[data-reason="${reason}"]`);
    await row.getByLabel(`Smartflo break code for ${reason}`).fill("TRN");
    await row.getByLabel(`Smartflo break code for ${reason}`).blur();
    type R = { name: string; smartfloCode: string | null; active: boolean };
    const reasons = () => getJson<{ items: R[] }>(page, "/api/v1/breaks/reasons?all=1").then((d) => d.items);
    await expect.poll(async () => (await reasons()).find((r) => r.name === reason)).toMatchObject({ smartfloCode: "TRN", active: true });
    await page.getByLabel("New break reason").fill(reason);
    await page.getByRole("button", { name: "Add reason" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "A break reason with this name exists" })).toBeVisible();
    await row.getByRole("button", { name: "Retire" }).click();
    await expect.poll(async () => (await reasons()).find((r) => r.name === reason)?.active).toBe(false);

    const rr = page.getByTestId("round-robin");
    const before = (await getJson<{ enabled: boolean }>(page, "/api/v1/settings/round-robin")).enabled;
    await rr.setChecked(!before);
    await expect.poll(async () => (await getJson<{ enabled: boolean }>(page, "/api/v1/settings/round-robin")).enabled).toBe(!before);
    // A refusal (here: the server told to refuse) moves the switch back and says why.
    await page.route("**/api/v1/settings/round-robin", (route) =>
      route.request().method() === "PUT"
        ? route.fulfill({
            status: 503,
            contentType: "application/json",
            body: JSON.stringify({ error: { code: "UNAVAILABLE", message: "Try again" } }),
          })
        : route.continue(),
    );
    await rr.click();
    await expect(page.getByRole("alert").filter({ hasText: "Try again" })).toBeVisible();
    await expect(rr).toBeChecked({ checked: !before });
    await page.unroute("**/api/v1/settings/round-robin");
    await rr.setChecked(before);
    await expect.poll(async () => (await getJson<{ enabled: boolean }>(page, "/api/v1/settings/round-robin")).enabled).toBe(before);
  });

  test("own numbers: added and removed; a bad number is refused in words", async ({ page }) => {
    await page.goto("/settings/telephony");
    const panel = page.getByRole("region", { name: "Our own numbers" });
    await panel.getByLabel("Number", { exact: true }).fill("12");
    await panel.getByRole("button", { name: "Add number" }).click();
    await expect(panel.getByRole("alert")).toContainText("Number is not a valid phone number");

    const number = `+9180${stamp()}`;
    await panel.getByLabel("Number", { exact: true }).fill(number);
    await panel.getByLabel("Label", { exact: true }).fill("Forms office line");
    await panel.getByRole("button", { name: "Add number" }).click();
    await expect(panel.getByTestId("own-numbers")).toContainText("Forms office line");
    type N = { items: { id: string; number: string; label: string | null }[] };
    expect((await getJson<N>(page, "/api/v1/settings/own-numbers")).items).toContainEqual(
      expect.objectContaining({ number, label: "Forms office line" }),
    );
    await panel
      .getByRole("listitem")
      .filter({ hasText: "Forms office line" })
      .getByRole("button", { name: /^Remove / })
      .click();
    await expect
      .poll(async () => (await getJson<N>(page, "/api/v1/settings/own-numbers")).items.some((n) => n.number === number))
      .toBe(false);
  });

  test("compliance rules: saved; a window that ends before it starts is refused in words", async ({ page }) => {
    const original = await getJson<Record<string, unknown>>(page, "/api/v1/settings/compliance");
    try {
      await page.goto("/settings/compliance");
      const form = page.getByTestId("compliance-rules");
      await form.getByLabel("Monday from").fill("21:00");
      await form.getByLabel("Monday until").fill("09:00");
      await form.getByRole("button", { name: "Save calling rules" }).click();
      await expect(form.getByRole("alert")).toContainText("must end after it starts");

      const notice = `This call is recorded (${stamp()})`;
      await form.getByLabel("Monday from").fill("00:00");
      await form.getByLabel("Monday until").fill("23:59");
      await form.getByLabel("Holiday date").fill("2099-12-31");
      await form.getByRole("button", { name: "Add holiday" }).click();
      await form.getByLabel(/^Recording notice/).fill(notice);
      await form.getByRole("button", { name: "Save calling rules" }).click();
      await expect(form.getByRole("status")).toHaveText("Saved");
      const saved = await getJson<{ recordingNotice: string; holidays: string[]; callingHours: Record<string, unknown> }>(
        page,
        "/api/v1/settings/compliance",
      );
      expect(saved.recordingNotice).toBe(notice);
      expect(saved.holidays).toContain("2099-12-31");
      expect(saved.callingHours.mon).toEqual({ from: "00:00", to: "23:59" });
    } finally {
      const { callingHours: _hours, ...rest } = original;
      expect(
        (await page.request.put("/api/v1/settings/compliance", { data: { ...rest, callingHours: ALL_DAY_CALLING_HOURS } })).status(),
      ).toBe(200);
    }
  });

  test("do-not-call: a number added then lifted; a bad number is refused in words", async ({ page }) => {
    const phone = `+9193${stamp()}`;
    await page.goto("/settings/compliance");
    const panel = page.getByRole("region", { name: "Do not call" });
    await panel.getByLabel("Phone", { exact: true }).fill("12");
    await panel.getByLabel("Reason", { exact: true }).fill("Asked by letter");
    await panel.getByRole("button", { name: "Add to the list" }).click();
    await expect(panel.getByRole("alert")).toBeVisible();

    await panel.getByLabel("Phone", { exact: true }).fill(phone);
    await panel.getByLabel("Reason", { exact: true }).fill("Asked by letter");
    await panel.getByRole("button", { name: "Add to the list" }).click();
    const row = panel.locator(`[data-testid="dnc-row"][data-phone="${phone}"]`);
    await expect(row).toContainText("Asked by letter");
    const listed = () => getJson<{ items: { phone: string | null }[] }>(page, `/api/v1/dnc?q=${phone.slice(-10)}`);
    expect((await listed()).items.map((i) => i.phone)).toEqual([phone]);
    await row.getByRole("button", { name: "Lift" }).click();
    await expect(row).toHaveCount(0);
    expect((await listed()).items).toEqual([]);
  });

  test("allow one call outside the calling hours: saved with its reason; a reason too long is refused", async ({ page }) => {
    const res = await page.request.post("/api/v1/leads", { data: { name: `Forms Override ${stamp()}`, phone: `+9195${stamp()}` } });
    expect(res.status()).toBe(201);
    const lead = (await res.json()) as { id: string };
    expect((await page.request.put("/api/v1/settings/compliance", { data: { callingHours: NO_CALLING_HOURS } })).status()).toBe(200);
    try {
      await page.goto(`/leads/${lead.id}`);
      const panel = page.getByTestId("lead-compliance");
      await panel.getByLabel("Why this call cannot wait").fill("x".repeat(301));
      await panel.getByRole("button", { name: "Allow one call" }).click();
      await expect(panel.getByRole("alert")).toBeVisible();
      await panel.getByLabel("Why this call cannot wait").fill("Customer asked for a call tonight");
      await panel.getByRole("button", { name: "Allow one call" }).click();
      await expect(panel.getByTestId("calling-hours")).toContainText("one call allowed until");
      const c = await getJson<{ override: { reason: string } | null }>(page, `/api/v1/leads/${lead.id}/compliance`);
      expect(c.override).toMatchObject({ reason: "Customer asked for a call tonight" });
    } finally {
      expect((await openAllDay(page)).status()).toBe(200);
    }
  });

  test("a new user's own password: changed; a short or mismatched one and a wrong current one are refused in words", async ({
    page,
    browser,
  }) => {
    const first = "first-Passw0rd-forms";
    const user = await newUser(page, first);
    const { context, page: own } = await signIn(browser, user.email, first);
    try {
      await expect(own.getByTestId("current-user")).toBeVisible();
      await own.goto("/settings/account");
      const form = own.getByRole("form", { name: "Change password" });
      const fill = async (current: string, next: string, again: string) => {
        await form.getByLabel("Current password").fill(current);
        await form.getByLabel("New password", { exact: true }).fill(next);
        await form.getByLabel("New password again").fill(again);
        await form.getByRole("button", { name: "Change password" }).click();
      };
      await fill(first, "short-pass1", "short-pass1");
      await expect(form.getByRole("alert")).toHaveText("Use at least 12 characters for the new password.");
      await fill(first, "second-Passw0rd-forms", "second-Passw0rd-form");
      await expect(form.getByRole("alert")).toHaveText("The new passwords do not match.");
      await fill("not-the-password", "second-Passw0rd-forms", "second-Passw0rd-forms");
      await expect(form.getByRole("alert")).toHaveText("The current password is wrong.");
      await fill(first, "second-Passw0rd-forms", "second-Passw0rd-forms");
      await expect(form.getByRole("status")).toHaveText("Password changed.");
    } finally {
      await context.close();
    }
    // Read back: the new password signs in, the old one no longer does.
    const withNew = await signIn(browser, user.email, "second-Passw0rd-forms");
    await expect(withNew.page.getByTestId("current-user")).toBeVisible();
    await withNew.context.close();
    const withOld = await signIn(browser, user.email, first);
    await expect(withOld.page.getByRole("alert").filter({ hasText: "Wrong email or password" })).toBeVisible();
    await withOld.context.close();
    expect((await page.request.patch(`/api/v1/users/${user.id}`, { data: { active: false } })).ok()).toBe(true);
  });
});
