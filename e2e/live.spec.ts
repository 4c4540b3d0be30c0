// The live stream in real Chromium: changes made elsewhere appear without a reload, an inbound
// call pops up (and survives a reload), and a dropped stream resumes without losing an event.
import type { Page } from "@playwright/test";
import { E2E_SIM_PORT } from "./env";
import { expect, test } from "./fixtures";
import { artifact, stateFile, WEBHOOK_TOKEN } from "./helpers";

const SIM = `http://127.0.0.1:${E2E_SIM_PORT}`;

test.use({ storageState: stateFile("agent") });

async function agentLead(page: Page, index: number, status = "NEW") {
  const res = await page.request.get(`/api/v1/leads?status=${status}&limit=50&sort=createdAt&order=desc`);
  expect(res.ok()).toBe(true);
  const lead = (await res.json()).items[index] as { id: string; name: string; phone: string };
  expect(lead, `a ${status} lead #${index}`).toBeTruthy();
  return lead;
}

async function postWebhook(page: Page, body: Record<string, string>) {
  const res = await page.request.post(`/api/v1/smartflo/webhook?token=${WEBHOOK_TOKEN}`, { data: body });
  expect(res.status()).toBe(200);
}

test("a call and a status change made elsewhere reach an open lead page without a reload", async ({ page, browser }) => {
  const lead = await agentLead(page, 0);
  await page.goto(`/leads/${lead.id}`);
  await expect(page.getByTestId("lead-status")).toHaveText("New");
  await expect(page.getByTestId("live-reconnecting")).toHaveCount(0);
  const detailFetches: string[] = [];
  page.on("request", (r) => new URL(r.url()).pathname === `/api/v1/leads/${lead.id}` && detailFetches.push(r.url()));

  // Smartflo reports an answered 45 s call (the seed's webhook): the timeline and the status follow.
  await postWebhook(page, {
    call_id: `live-${Date.now()}`,
    call_status: "answered",
    direction: "outbound",
    duration: "45",
    ref_id: lead.id,
    agent_number: "9000000001",
    customer_number: lead.phone.slice(-10),
  });
  await expect(page.getByTestId("call-entry").first()).toHaveAttribute("data-call-status", "COMPLETED");
  await expect(page.getByTestId("lead-status")).toHaveText("Contacted");

  // The manager, in another browser, qualifies the lead: the agent's page shows it.
  const managerContext = await browser.newContext({ storageState: stateFile("manager") });
  const manager = await managerContext.newPage();
  await manager.goto(`/leads/${lead.id}`);
  await manager.getByLabel("Status", { exact: true }).selectOption("QUALIFIED");
  await expect(manager.getByTestId("lead-status")).toHaveText("Qualified");
  await expect(page.getByTestId("lead-status")).toHaveText("Qualified");
  await expect(page.getByText(/Status changed from Contacted to Qualified/)).toBeVisible();
  await managerContext.close();
  // Pushed, not polled: the page never asked for the lead again.
  expect(detailFetches).toEqual([]);
  await page.screenshot({ path: artifact("live-lead-updated.png"), fullPage: true });
});

test("an inbound call pops the caller up, survives a reload, and ends in the outcome form", async ({ page }) => {
  const lead = await agentLead(page, 1);
  await page.goto("/");
  const sim = await page.request.post(`${SIM}/__sim/inbound`, {
    data: { from: lead.phone.slice(-10), agent_number: "9000000001", outcome: "answer", ringSeconds: 50, talkSeconds: 50 },
  });
  expect(sim.ok()).toBe(true);
  const pop = page.getByTestId("incoming-call");
  await expect(pop).toBeVisible();
  await expect(pop).toContainText(lead.name);
  await expect(pop).toContainText("Incoming call");
  await expect(pop.getByRole("link", { name: "Open lead" })).toHaveAttribute("href", `/leads/${lead.id}`);
  await page.screenshot({ path: artifact("screen-pop.png") });

  await page.reload();
  await expect(page.getByTestId("incoming-call")).toContainText(lead.name);
  await expect(page.getByTestId("incoming-call")).toHaveAttribute("data-call-status", "ANSWERED", { timeout: 20_000 });
  await expect(page.getByTestId("incoming-call")).toContainText("In call");

  // The call ends (50 simulated seconds of talk): the pop-up asks for the outcome.
  const outcome = page.getByTestId("incoming-outcome");
  await expect(outcome).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("incoming-call")).toContainText("Call ended");
  await page.screenshot({ path: artifact("screen-pop-outcome.png") });
  await outcome.getByText("Interested", { exact: true }).click();
  await outcome.getByTestId("save-disposition").click();
  await expect(page.getByTestId("incoming-call")).toHaveCount(0);

  await page.goto(`/leads/${lead.id}`);
  const entry = page.getByTestId("call-entry").first();
  await expect(entry).toHaveAttribute("data-call-status", "COMPLETED");
  await expect(entry).toContainText("Incoming call");
  await expect(entry).toContainText("Interested");
});

test("a stream dropped and resumed loses no event", async ({ page, context }) => {
  const lead = await agentLead(page, 2);
  await page.goto(`/leads/${lead.id}`);
  await expect(page.getByTestId("lead-status")).toHaveText("New");
  await expect(page.getByTestId("timeline")).toBeVisible();
  const before = await page.getByTestId("call-entry").count();
  // One event first, so the stream has an id to resume from.
  await postWebhook(page, {
    call_id: `drop-a-${Date.now()}`,
    call_status: "missed",
    direction: "outbound",
    ref_id: lead.id,
    agent_number: "9000000001",
    customer_number: lead.phone.slice(-10),
  });
  await expect(page.getByTestId("call-entry").first()).toHaveAttribute("data-call-status", "MISSED");

  await context.setOffline(true);
  await expect(page.getByTestId("live-reconnecting")).toBeVisible();
  // While this tab is offline, an answered call lands.
  const res = await fetch(`${new URL(page.url()).origin}/api/v1/smartflo/webhook?token=${WEBHOOK_TOKEN}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      call_id: `drop-b-${Date.now()}`,
      call_status: "answered",
      direction: "outbound",
      duration: "50",
      ref_id: lead.id,
      agent_number: "9000000001",
      customer_number: lead.phone.slice(-10),
    }),
  });
  expect(res.status).toBe(200);
  await context.setOffline(false);
  await expect(page.getByTestId("live-reconnecting")).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByTestId("lead-status")).toHaveText("Contacted");
  await expect(page.getByTestId("call-entry")).toHaveCount(before + 2);
  await expect(page.getByTestId("call-entry").first()).toHaveAttribute("data-call-status", "COMPLETED");
});
