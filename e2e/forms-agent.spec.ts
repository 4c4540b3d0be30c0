// Every form saves, and says why when it does not: each form of an agent's day and the manager's
// campaign form, filled through the UI by the role that uses it, the change read back through the
// JSON API; then an invalid value and the visible error it must give (never a silent failure).
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { stateFile } from "./helpers";

const stamp = () => Date.now().toString().slice(-8);
let seq = 0;
/** A number no demo lead has (those are +9198…), unique per run. */
const freshPhone = () => `+9194${stamp()}`.slice(0, -2) + String(seq++ % 100).padStart(2, "0");

async function apiLead(page: Page, name: string, source = "E2E forms") {
  const res = await page.request.post("/api/v1/leads", { data: { name, phone: freshPhone(), source } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string; name: string; phone: string };
}

async function getJson<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(url);
  expect(res.ok(), `${url} ${res.status()}`).toBe(true);
  return (await res.json()) as T;
}

type Lead = { name: string; phone: string; email: string | null; source: string | null; phones: { number: string; primary: boolean }[] };

test.describe("the agent's forms", () => {
  test.use({ storageState: stateFile("agent") });

  test("new lead: saves, and refuses a bad email in words", async ({ page }) => {
    const name = `Form Newlead ${stamp()}`;
    await page.goto("/leads");
    await page.getByRole("button", { name: "New lead" }).click();
    const form = page.getByRole("form", { name: "New lead" });
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Phone").fill(freshPhone());
    await form.getByLabel("Email (optional)").fill("not-an-email");
    await form.getByRole("button", { name: "Create lead" }).click();
    await expect(form.getByText("is not a valid email address")).toBeVisible();

    await form.getByLabel("Email (optional)").fill("Prospect@Example.com");
    await form.getByLabel("Source (optional)").fill("Forms e2e");
    await form.getByRole("button", { name: "Create lead" }).click();
    await expect(page).toHaveURL(/\/leads\/[a-z0-9]+$/);
    const id = page.url().split("/").pop()!;
    const lead = await getJson<Lead>(page, `/api/v1/leads/${id}`);
    expect(lead).toMatchObject({ name, email: "prospect@example.com", source: "Forms e2e" });
  });

  test("edit lead: rename, add a second number and move it up; the order is saved; a bad number is named", async ({ page }) => {
    const lead = await apiLead(page, `Form Edit ${stamp()}`);
    const second = freshPhone();
    await page.goto(`/leads/${lead.id}`);
    await page.getByRole("button", { name: "Edit", exact: true }).click();
    const form = page.getByRole("form", { name: "Edit lead" });
    const renamed = `Form Renamed ${stamp()}`;
    await form.getByLabel("Name").fill(renamed);
    await form.getByRole("button", { name: "+ Add a number" }).click();
    await form.getByLabel("Number 2", { exact: true }).fill("12");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form.getByText("is not a valid phone number")).toBeVisible();

    await form.getByLabel("Number 2", { exact: true }).fill(second);
    await form.getByRole("button", { name: "Move number 2 up" }).click();
    await expect(form.getByLabel("Number 1", { exact: true })).toHaveValue(second);
    await expect(form.getByRole("radio", { name: "Primary" }).first()).toBeChecked();
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form).toBeHidden();
    const saved = await getJson<Lead>(page, `/api/v1/leads/${lead.id}`);
    expect(saved.name).toBe(renamed);
    expect(saved.phones.map((p) => p.number)).toEqual([second, lead.phone]);
    // The number on top is the primary, the one Call rings.
    expect(saved.phones.map((p) => p.primary)).toEqual([true, false]);
    expect(saved.phone).toBe(second);
    // Reopened, the editor shows what was saved.
    await page.getByRole("button", { name: "Edit", exact: true }).click();
    await expect(form.getByLabel("Number 1", { exact: true })).toHaveValue(/./);
    const shown = await form
      .getByRole("textbox", { name: /^Number \d$/ })
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(shown.map((v) => `+${v.replace(/\D/g, "")}`)).toEqual([second, lead.phone]);
  });

  test("note: saves; a blank note cannot be sent and a refused one says so", async ({ page }) => {
    const lead = await apiLead(page, `Form Note ${stamp()}`);
    await page.goto(`/leads/${lead.id}`);
    const body = `Asked for the price list ${stamp()}`;
    await page.getByLabel("Add a note").fill("   ");
    await expect(page.getByRole("button", { name: "Add note" })).toBeDisabled();
    await page.getByLabel("Add a note").fill(body);
    await page.getByRole("button", { name: "Add note" }).click();
    await expect
      .poll(async () => {
        const acts = await getJson<{ items: { type: string; payload: { body?: string } }[] }>(page, `/api/v1/leads/${lead.id}/activities`);
        return acts.items.some((a) => a.type === "NOTE" && a.payload.body === body);
      })
      .toBe(true);

    // The server refusing a note (here: told to) is shown, and the text is kept to send again.
    await page.route(`**/api/v1/leads/${lead.id}/notes`, (route) =>
      route.fulfill({
        status: 422,
        contentType: "application/json",
        body: JSON.stringify({ error: { code: "VALIDATION", message: "body: must be at most 5000 characters" } }),
      }),
    );
    await page.getByLabel("Add a note").fill("Refused note");
    await page.getByRole("button", { name: "Add note" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Note not saved" })).toBeVisible();
    await expect(page.getByLabel("Add a note")).toHaveValue("Refused note");
  });

  test("follow-up: saves with its time; a blank title is named", async ({ page }) => {
    const lead = await apiLead(page, `Form Task ${stamp()}`);
    await page.goto(`/leads/${lead.id}`);
    const tasks = page.getByRole("region", { name: "Follow-ups" });
    await tasks.getByRole("button", { name: "Add", exact: true }).click();
    await tasks.getByLabel("What").fill("   ");
    await tasks.getByLabel("When").fill("2030-01-15T10:30");
    await tasks.getByRole("button", { name: "Add follow-up" }).click();
    await expect(tasks.getByText("Title is required")).toBeVisible();

    const title = `Send the brochure ${stamp()}`;
    await tasks.getByLabel("What").fill(title);
    await tasks.getByRole("button", { name: "Add follow-up" }).click();
    await expect(tasks.getByTestId("lead-tasks")).toContainText(title);
    const list = await getJson<{ items: { title: string; dueAt: string }[] }>(page, `/api/v1/tasks?leadId=${lead.id}`);
    expect(list.items).toEqual([expect.objectContaining({ title, dueAt: "2030-01-15T05:00:00.000Z" })]);

    // Done: a refusal (here: the server told to refuse) is shown; then it is marked done.
    const done = tasks.getByTestId("lead-tasks").getByRole("button", { name: "Done" });
    await page.route("**/api/v1/tasks/*", (route) =>
      route.request().method() === "PATCH"
        ? route.fulfill({
            status: 503,
            contentType: "application/json",
            body: JSON.stringify({ error: { code: "UNAVAILABLE", message: "Try again" } }),
          })
        : route.continue(),
    );
    await done.click();
    await expect(tasks.getByRole("alert")).toContainText("Try again");
    await page.unroute("**/api/v1/tasks/*");
    await done.click();
    await expect(tasks.getByText("None open.")).toBeVisible();
    const closed = await getJson<{ items: { title: string }[] }>(page, `/api/v1/tasks?leadId=${lead.id}&status=done`);
    expect(closed.items.map((t) => t.title)).toEqual([title]);
  });

  test("consent: saved by the agent; a notice that is too long is refused in words; a service call is a manager's mark", async ({
    page,
  }) => {
    const lead = await apiLead(page, `Form Consent ${stamp()}`);
    await page.goto(`/leads/${lead.id}`);
    const panel = page.getByTestId("lead-compliance");
    // Marking a lead as a service call lifts the consent rule: not the agent's to do (issue 25), and the form says so.
    await expect(panel.getByRole("option", { name: "Service" })).toBeDisabled();
    await expect(panel.getByText("Only a manager or an admin can mark a lead as a service call.")).toBeVisible();

    await panel.getByLabel("How they consented").selectOption("WEB_FORM");
    await panel.getByLabel("The notice or text they agreed to").fill("x".repeat(2001));
    await panel.getByRole("button", { name: "Record consent" }).click();
    await expect(panel.getByRole("alert")).toBeVisible();

    const notice = `Website form v3 ${stamp()}`;
    await panel.getByLabel("The notice or text they agreed to").fill(notice);
    await panel.getByRole("button", { name: "Record consent" }).click();
    await expect(panel.getByTestId("consent-state")).toContainText("Consent: Web form");
    const c = await getJson<{ consent: { given: boolean; method: string; text: string } }>(page, `/api/v1/leads/${lead.id}/compliance`);
    expect(c.consent).toMatchObject({ given: true, method: "WEB_FORM", text: notice });
  });

  test("dialer session: starts over the agent's leads and ends; an out-of-range filter is named", async ({ page }) => {
    const source = `Forms dialer ${stamp()}`;
    await apiLead(page, `Form Dialer ${stamp()}`, source);
    // A session an earlier spec left open (the dialer spec ends on its finished list) is ended first.
    const left = await getJson<{ session: { id: string } | null }>(page, "/api/v1/dialer/session");
    const json = { "Content-Type": "application/json" }; // every mutation is JSON, a body or not (CSRF)
    if (left.session) expect((await page.request.delete(`/api/v1/dialer/session/${left.session.id}`, { headers: json })).ok()).toBe(true);
    await page.goto("/calling");
    await page.getByText("My leads", { exact: true }).click();
    await page.getByRole("textbox", { name: "Source" }).fill(source);
    await page.getByLabel("Not contacted for (days)").fill("99999");
    await page.getByTestId("start-session").click();
    await expect(page.getByText("must be at most 3650 (ten years)").first()).toBeVisible();
    expect((await getJson<{ session: unknown }>(page, "/api/v1/dialer/session")).session).toBeNull();

    await page.getByLabel("Not contacted for (days)").fill("");
    await page.getByTestId("start-session").click();
    await expect(page.getByTestId("dialer-source")).toHaveText("My leads");
    const view = await getJson<{ session: { source: string; filter: { source?: string } } }>(page, "/api/v1/dialer/session");
    expect(view.session).toMatchObject({ source: "FILTER", filter: { source } });

    // Never leave the demo agent in a session (the dialer spec starts its own).
    await page.getByTestId("end-session").click();
    await expect(page.getByTestId("start-session")).toBeVisible();
    expect((await getJson<{ session: unknown }>(page, "/api/v1/dialer/session")).session).toBeNull();
  });
});

test.describe("the manager's forms", () => {
  test.use({ storageState: stateFile("manager") });

  test("campaign: saves with its agents and filter; no agent is refused in words", async ({ page }) => {
    const name = `Forms campaign ${stamp()}`;
    await page.goto("/campaigns");
    await page.getByTestId("new-campaign").click();
    const form = page.getByRole("form", { name: "New campaign" });
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Source").fill(`Forms campaign source ${stamp()}`);
    await form.getByLabel("Attempts per lead").fill("2");
    await form.getByLabel("Retry after (minutes)").fill("99999");
    await form.getByRole("button", { name: "Create campaign" }).click();
    await expect(form.getByText("The campaign needs at least one agent.")).toBeVisible();
    await expect(form.getByText("must be at most a week (10080)")).toBeVisible();
    await form.getByLabel("Retry after (minutes)").fill("30");

    await form.getByLabel("Arjun Agent").check();
    await form.getByRole("button", { name: "Create campaign" }).click();
    await expect(form).toBeHidden();
    const list = await getJson<{ items: { id: string; name: string; status: string; maxAttempts: number; agents: { name: string }[] }[] }>(
      page,
      "/api/v1/campaigns",
    );
    const saved = list.items.find((c) => c.name === name);
    expect(saved).toMatchObject({
      status: "ACTIVE",
      maxAttempts: 2,
      retryGapMinutes: 30,
      agents: [expect.objectContaining({ name: "Arjun Agent" })],
    });
    // Not left active for the agent's later sessions.
    expect((await page.request.patch(`/api/v1/campaigns/${saved!.id}`, { data: { status: "ENDED" } })).ok()).toBe(true);
  });
});
