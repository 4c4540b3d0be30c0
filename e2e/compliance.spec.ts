// Calling within the rules in real Chromium: a do-not-call lead's phone button is disabled with the
// reason; the outcome "Asked not to be called" makes a lead do-not-call at once; outside the calling
// hours the agent is told when calls open again; the admin's compliance page imports a DND list and
// erases a person.
import type { Page } from "@playwright/test";
import { ALL_DAY_CALLING_HOURS } from "../lib/compliance/hours";
import { E2E_SIM_PORT } from "./env";
import { expect, test } from "./fixtures";
import { artifact, stateFile } from "./helpers";

const SIM = `http://127.0.0.1:${E2E_SIM_PORT}`;
let seq = 0;
const phone = () => `+9196${String(Date.now() % 1e6).padStart(6, "0")}${String(seq++ % 100).padStart(2, "0")}`;

async function createLead(page: Page, name: string) {
  const res = await page.request.post("/api/v1/leads", { data: { name, phone: phone(), source: "E2E compliance" } });
  expect(res.status()).toBe(201);
  return (await res.json()) as { id: string; name: string; phone: string };
}

test.describe("as the agent", () => {
  test.use({ storageState: stateFile("agent") });

  test("a DNC lead's phone button is disabled with why and since when", async ({ page, browser }) => {
    const lead = await createLead(page, "Dnc Byapi");
    const admin = await browser.newContext({ storageState: stateFile("admin") });
    expect((await admin.request.post("/api/v1/dnc", { data: { phone: lead.phone, reason: "Complained to TRAI" } })).status()).toBe(201);
    await admin.close();

    await page.goto(`/leads/${lead.id}`);
    await expect(page.getByTestId("dnc-badge")).toBeVisible();
    await expect(page.getByTestId("call-button")).toBeDisabled();
    await expect(page.getByTestId("call-blocked")).toContainText("is on the do-not-call list since");
    await expect(page.getByTestId("call-blocked")).toContainText("Complained to TRAI");
    await expect(page.getByTestId("phone-dnc")).toContainText("an admin");
    await expect(page.getByTestId("dnc-entry")).toContainText("Do not call");
    await page.screenshot({ path: artifact("lead-dnc.png"), fullPage: true });
  });

  test('the outcome "Asked not to be called" makes the lead do-not-call at once', async ({ page }) => {
    const lead = await createLead(page, "Optout Bycall");
    await page.request.post(`${SIM}/__sim/scenario`, { data: { number: lead.phone, outcome: "answer", ringSeconds: 2, talkSeconds: 10 } });
    await page.goto(`/leads/${lead.id}`);
    await page.getByRole("button", { name: `Call ${lead.name}` }).click();
    await expect(page.getByTestId("call-state")).toHaveText("Answered", { timeout: 30_000 });
    const form = page.getByTestId("disposition-form");
    await form.getByText("Asked not to be called", { exact: true }).click();
    await expect(form.getByTestId("dnc-warning")).toBeVisible();
    await form.getByRole("button", { name: "Save outcome" }).click();
    await expect(page.getByTestId("dnc-badge")).toBeVisible();
    await expect(page.getByTestId("call-button")).toBeDisabled();
    await expect(page.getByTestId("call-blocked")).toContainText("Asked not to be called");
    const res = await page.request.post("/api/v1/smartflo/click-to-call", { data: { leadId: lead.id } });
    expect(res.status()).toBe(409);
    expect((await res.json()).error.code).toBe("DO_NOT_CALL");
  });

  test("outside the calling hours the button says when calls open again", async ({ page, browser }) => {
    const lead = await createLead(page, "Late Evening");
    const admin = await browser.newContext({ storageState: stateFile("admin") });
    const closed = Object.fromEntries(Object.keys(ALL_DAY_CALLING_HOURS).map((d) => [d, { from: "23:58", to: "23:59" }]));
    expect((await admin.request.put("/api/v1/settings/compliance", { data: { callingHours: closed } })).ok()).toBe(true);
    try {
      await page.goto(`/leads/${lead.id}`);
      await expect(page.getByTestId("call-button")).toBeDisabled();
      await expect(page.getByTestId("call-blocked")).toHaveAttribute("data-code", "OUTSIDE_CALLING_HOURS");
      await expect(page.getByTestId("call-blocked")).toContainText("the next window opens");
      await expect(page.getByTestId("calling-hours")).toContainText("Outside calling hours");
      // One way of writing the next window everywhere: the panel as the refusal and the lists ("Sat, 5 Dec, 23:58 IST").
      await expect(page.getByTestId("calling-hours")).toContainText(/next window \w{3}, \d{1,2} \w{3}, 23:58 IST/);
      await expect(page.getByTestId("call-blocked")).toContainText(/opens \w{3}, \d{1,2} \w{3}, 23:58 IST/);
      // A list's Call button says so before it is tapped (a follow-up on Tasks).
      const task = await page.request.post("/api/v1/tasks", {
        data: { leadId: lead.id, title: "Call back Late Evening", dueAt: new Date().toISOString() },
      });
      expect(task.status()).toBe(201);
      await page.goto("/tasks");
      const row = page.getByTestId("task").filter({ hasText: "Call back Late Evening" });
      await expect(row.getByTestId("dial-closed")).toContainText(/Outside calling hours · opens .*23:58 IST/);
      await expect(row.getByTestId("dial-button")).toHaveAttribute("data-closed", "true");
      const res = await page.request.post("/api/v1/smartflo/click-to-call", { data: { leadId: lead.id } });
      expect(res.status()).toBe(422);
      expect((await res.json()).error).toMatchObject({ code: "OUTSIDE_CALLING_HOURS" });
    } finally {
      await admin.request.put("/api/v1/settings/compliance", { data: { callingHours: ALL_DAY_CALLING_HOURS } });
      await admin.close();
    }
  });
});

test.describe("as the admin", () => {
  test.use({ storageState: stateFile("admin") });

  test("imports a DND list, then finds a person, downloads their data and erases it", async ({ page }) => {
    const lead = await createLead(page, "Erasable Person");
    const listed = phone();
    await page.goto("/settings/compliance");
    await expect(page.getByRole("heading", { name: "Compliance", level: 1 })).toBeVisible();
    await page.getByTestId("dnc-import").setInputFiles({
      name: "dnd.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`phone\n${listed}\nnot-a-number\n`),
    });
    await expect(page.getByTestId("dnc-import-result")).toContainText("2 rows: 1 added");
    await expect(page.getByTestId("dnc-row").filter({ hasText: listed.slice(-5) })).toBeVisible();

    await page.getByTestId("person-search").fill("Erasable Person");
    const person = page.getByTestId("person").filter({ hasText: "Erasable Person" });
    await expect(person).toBeVisible();
    const download = page.waitForEvent("download");
    await person.getByRole("button", { name: "Download JSON" }).click();
    expect((await download).suggestedFilename()).toMatch(/^personal-data-.*\.json$/);
    await page.screenshot({ path: artifact("compliance-settings.png"), fullPage: true });

    await person.getByRole("button", { name: "Erase…" }).click();
    await expect(page.getByTestId("erase-confirm")).toBeDisabled();
    await page.getByLabel("Type ERASE to confirm").fill("ERASE");
    await page.getByTestId("erase-confirm").click();
    await expect(page.getByTestId("erase-done")).toBeVisible();
    const after = await page.request.get(`/api/v1/leads/${lead.id}`);
    expect((await after.json()).name).toBe("Erased person");

    await page.goto("/settings/audit");
    await expect(page.getByRole("cell", { name: "Personal data erased (request)" }).first()).toBeVisible();
    await expect(page.getByRole("cell", { name: "DND list imported" }).first()).toBeVisible();
  });
});
