// The live board in real Chromium: the demo manager watches the demo agent's call ring, connect and
// run on /live, monitors it, transfers it to agent2, and both show on the lead's timeline.
import { E2E_SIM_PORT } from "./env";
import { expect, test } from "./fixtures";
import { artifact, stateFile } from "./helpers";

const SIM = `http://127.0.0.1:${E2E_SIM_PORT}`;

test.use({ storageState: stateFile("manager") });

test("a manager sees a call live on /live, monitors it and transfers it; the timeline says so", async ({ page, browser }) => {
  const agentContext = await browser.newContext({ storageState: stateFile("agent") });
  const leads = await (await agentContext.request.get("/api/v1/leads?status=NEW&limit=50&sort=createdAt&order=desc")).json();
  const lead = leads.items[5] as { id: string; name: string; phone: string };
  await page.request.post(`${SIM}/__sim/scenario`, { data: { number: lead.phone, outcome: "answer", ringSeconds: 25, talkSeconds: 3000 } });

  await page.goto("/live");
  await expect(page.getByRole("heading", { name: "Live floor" })).toBeVisible();
  await expect(page.getByTestId("board-agent").filter({ hasText: "Arjun Agent" })).toBeVisible();

  const started = await agentContext.request.post("/api/v1/smartflo/click-to-call", { data: { leadId: lead.id } });
  expect(started.status()).toBe(201);
  const { id: callId } = (await started.json()) as { id: string };
  const row = page.getByTestId("live-call").filter({ hasText: lead.name });
  await expect(row).toHaveAttribute("data-status", /INITIATED|RINGING/);
  await expect(page.getByTestId("board-agent").filter({ hasText: "Arjun Agent" })).toHaveAttribute("data-state", "RINGING");
  await expect(row).toHaveAttribute("data-status", "ANSWERED", { timeout: 20_000 });
  await expect(page.getByTestId("board-agent").filter({ hasText: "Arjun Agent" })).toHaveAttribute("data-state", "ON_CALL");
  const timer = row.getByTestId("live-call-timer");
  const first = await timer.textContent();
  await expect(timer).not.toHaveText(first!, { timeout: 5000 });

  await row.getByTestId("call-monitor").click();
  await expect(row.getByTestId("call-action-done")).toBeVisible();
  await page.screenshot({ path: artifact("live-board.png"), fullPage: true });

  await row.getByLabel("Transfer to").selectOption({ label: "Kavya Agent" });
  await row.getByTestId("call-transfer").click();
  await expect(page.getByTestId("board-agent").filter({ hasText: "Kavya Agent" })).toHaveAttribute("data-state", "ON_CALL");
  await expect(page.getByTestId("board-agent").filter({ hasText: "Arjun Agent" })).not.toHaveAttribute("data-state", "ON_CALL");

  await page.goto(`/leads/${lead.id}`);
  const actions = page.getByTestId("call-action");
  await expect(actions.filter({ hasText: "Meera Manager listened in on Arjun Agent's call" })).toBeVisible();
  await expect(actions.filter({ hasText: "Meera Manager transferred the call from Arjun Agent to Kavya Agent" })).toBeVisible();

  // The manager may end the team's call; the board empties.
  expect((await page.request.post("/api/v1/smartflo/hangup", { data: { call_id: callId } })).ok()).toBe(true);
  await page.goto("/live");
  await expect(page.getByTestId("live-call").filter({ hasText: lead.name })).toHaveCount(0);
  await agentContext.close();
});

test("an agent takes a break from the nav; the manager's board shows it live; the dialer waits until it ends", async ({
  page,
  browser,
}) => {
  const agentContext = await browser.newContext({ storageState: stateFile("agent2") });
  const agent = await agentContext.newPage();
  await page.goto("/live");
  const kavya = page.getByTestId("board-agent").filter({ hasText: "Kavya Agent" });
  await expect(kavya).toBeVisible();

  await agent.goto("/calling");
  await agent.getByRole("button", { name: "Take a break" }).click();
  await agent.getByRole("menuitem", { name: "Lunch" }).click();
  await expect(agent.getByTestId("break-status")).toContainText("On break · Lunch");
  await expect(agent.getByTestId("dialer-on-break")).toContainText("You are on a break (Lunch)");
  await expect(kavya).toHaveAttribute("data-state", "ON_BREAK");
  await expect(kavya).toContainText("Lunch");
  await agent.screenshot({ path: artifact("agent-on-break.png") });
  await page.screenshot({ path: artifact("live-board-break.png"), fullPage: true });

  await agent.getByRole("button", { name: "End break" }).click();
  await expect(agent.getByRole("button", { name: "Take a break" })).toBeVisible();
  await expect(agent.getByTestId("dialer-on-break")).toHaveCount(0);
  await expect(kavya).not.toHaveAttribute("data-state", "ON_BREAK");
  await agentContext.close();
});
