// The preview dialer in real Chromium through the simulator: a manager's campaign of five leads,
// worked by the agent with the keyboard alone (answered and unanswered calls, a skip, outcomes by
// number keys, a reload mid-call), then the campaign's progress on the manager's dashboard.
import type { APIRequestContext, Page } from "@playwright/test";
import { E2E_SIM_PORT } from "./env";
import { expect, test } from "./fixtures";
import { artifact, stateFile } from "./helpers";

const SIM = `http://127.0.0.1:${E2E_SIM_PORT}`;

test.use({ storageState: stateFile("agent") });

async function json<T>(res: Awaited<ReturnType<APIRequestContext["get"]>>): Promise<T> {
  expect(res.ok(), `${res.url()} ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

/** Five fresh leads of the agent (as the manager) and a campaign over their numbers. */
async function campaignOfFive(manager: APIRequestContext) {
  const users = await json<{ items: { id: string; email: string }[] }>(await manager.get("/api/v1/users"));
  const agent = users.items.find((u) => u.email === "agent@demo.local")!;
  const stamp = Date.now().toString().slice(-7);
  const leads: { id: string; name: string; phone: string }[] = [];
  for (let i = 0; i < 5; i++) {
    const lead = await json<{ id: string; name: string; phone: string }>(
      await manager.post("/api/v1/leads", {
        data: { name: `Dialer Lead ${i + 1} ${stamp}`, phone: `+9197${stamp}${i}`, ownerId: agent.id, source: "Dialer e2e" },
      }),
    );
    leads.push(lead);
  }
  const campaign = await json<{ id: string; name: string }>(
    await manager.post("/api/v1/campaigns", {
      data: { name: `Five leads ${stamp}`, agentIds: [agent.id], phones: leads.map((l) => l.phone), maxAttempts: 1, retryGapMinutes: 0 },
    }),
  );
  return { leads, campaign };
}

async function scenario(page: Page, phone: string, body: Record<string, unknown>) {
  const res = await page.request.post(`${SIM}/__sim/scenario`, { data: { number: phone, ...body } });
  expect(res.ok()).toBe(true);
}

test("an agent works a five-lead campaign with the keyboard; the manager sees its progress", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const managerContext = await browser.newContext({ storageState: stateFile("manager") });
  const { leads, campaign } = await campaignOfFive(managerContext.request);
  // Leads 1, 3 and 5 answer; 2 does not; 4 is skipped.
  for (const [i, lead] of leads.entries()) {
    const answers = i % 2 === 0;
    await scenario(
      page,
      lead.phone,
      answers ? { outcome: "answer", ringSeconds: 5, talkSeconds: 600 } : { outcome: "no-answer", ringSeconds: 10 },
    );
  }

  await page.goto("/calling");
  await page.getByLabel("Campaign", { exact: true }).selectOption({ label: campaign.name });
  await page.getByTestId("start-session").click();
  const offer = page.getByTestId("dialer-offer");
  await expect(page.getByTestId("dialer-source")).toContainText(campaign.name);

  // The shortcuts are listed on "?".
  await page.keyboard.press("?");
  await expect(page.getByTestId("shortcuts-list")).toContainText("Skip this lead");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("shortcuts-list")).toBeHidden();

  // Due follow-ups come first in any session: the agent's own (from the demo data) are skipped here.
  const seen: string[] = [];
  let followUps = 0;
  let called = 0;
  const left = new Set([0, 1, 2, 3, 4]);
  while (left.size > 0) {
    await expect(offer).toBeVisible();
    const name = (await page.getByTestId("dialer-lead-name").textContent())!;
    expect(seen, "a lead is never offered twice").not.toContain(name);
    seen.push(name);
    const n = name.startsWith("Dialer Lead") ? Number(name.split(" ")[2]) - 1 : -1;
    left.delete(n);
    if (n === -1 || n === 3) {
      if (n === -1) followUps++;
      await page.keyboard.press("s");
      await expect(page.getByTestId("dialer-lead-name")).not.toHaveText(name);
      continue;
    }
    await page.keyboard.press("c");
    if (n % 2 === 0) {
      await expect(page.getByTestId("call-state")).toHaveText("In call", { timeout: 20_000 });
      if (n === 2) {
        // A reload mid-call lands on the same lead, the call still live.
        await page.reload();
        await expect(page.getByTestId("dialer-lead-name")).toHaveText(name);
        await expect(page.getByTestId("call-state")).toHaveText("In call");
        await page.screenshot({ path: artifact("dialer-in-call.png"), fullPage: true });
      }
      await page.keyboard.press("h");
      await expect(page.getByTestId("call-state")).toHaveText("Answered");
      await expect(page.locator('[data-shortcut="1"]')).toBeVisible();
      await page.keyboard.press("1"); // Interested
    } else {
      await expect(page.getByTestId("call-state")).toHaveText("Missed", { timeout: 20_000 });
      await expect(page.locator('[data-shortcut="5"]')).toBeVisible();
      await page.keyboard.press("5"); // No answer
    }
    await expect(page.getByTestId("save-disposition")).toBeFocused();
    if (called === 0) await page.screenshot({ path: artifact("dialer-outcome.png"), fullPage: true });
    await page.keyboard.press("Enter");
    called++;
    await expect(page.getByTestId("dialer-lead-name").filter({ hasText: name })).toHaveCount(0);
  }
  expect(seen.filter((s) => s.startsWith("Dialer Lead")).length).toBe(5);
  await expect(page.getByTestId("dialer-done")).toBeVisible();
  await expect(page.getByTestId("progress-called")).toHaveText("4");
  await expect(page.getByTestId("progress-answered")).toHaveText("3", { timeout: 15_000 });
  await expect(page.getByTestId("progress-skipped")).toHaveText(String(1 + followUps));
  await expect(page.getByTestId("progress-left")).toHaveText("0");
  await page.screenshot({ path: artifact("dialer-done.png"), fullPage: true });

  // The timeline of an answered lead has the call with its outcome and number.
  const first = leads[0]!;
  await page.goto(`/leads/${first.id}`);
  await expect(page.getByTestId("call-disposition").first()).toHaveText("Interested");
  await expect(page.getByTestId("call-number").first()).toContainText("97");

  // The manager's dashboard: the campaign with four dialled, three connected, one left undone (skipped, retried later).
  const manager = await managerContext.newPage();
  await manager.goto("/dashboard");
  const row = manager.getByTestId("dashboard-campaign").filter({ hasText: campaign.name });
  await expect(row.getByTestId("campaign-dialled")).toHaveText("4");
  await expect(row.getByTestId("campaign-connected")).toHaveText("3");
  await expect(row.getByTestId("campaign-leads-done")).toHaveText("4 of 5");
  await row.screenshot({ path: artifact("dashboard-campaign.png") });
  await managerContext.close();
});
