import { expect, test } from "./fixtures";
import { artifact, stateFile } from "./helpers";

const SIM = `http://127.0.0.1:${process.env.E2E_SIM_PORT ?? 4110}`;

test.use({ storageState: stateFile("agent") });

test("a missed inbound call shows on the home page, and Call back dials it", async ({ page }) => {
  const leads = await (await page.request.get("/api/v1/leads?status=QUALIFIED&limit=1")).json();
  const lead = leads.items[0] as { id: string; name: string; phone: string };
  const res = await page.request.post(`${SIM}/__sim/inbound`, {
    data: { from: lead.phone.slice(-10), agent_number: "9000000001", outcome: "no-answer", ringSeconds: 5 },
  });
  expect(res.ok()).toBe(true);
  await page.goto("/");
  await expect(page.getByRole("heading", { name: /Hello, Arjun/ })).toBeVisible();
  const missed = page.getByTestId("missed-callbacks");
  await expect(missed.getByText(lead.name)).toBeVisible({ timeout: 20_000 });
  await page.screenshot({ path: artifact("home.png"), fullPage: true });
  // Call back dials at once (the same rules as the lead page) and opens the lead with the call live.
  await missed
    .getByRole("button", { name: `Call back ${lead.name}` })
    .first()
    .click();
  await expect(page).toHaveURL(new RegExp(`/leads/${lead.id}$`));
  await expect(page.getByTestId("call-bar")).toBeVisible();
  await expect(page.getByRole("button", { name: `Call ${lead.name}` })).toBeVisible();
  await page.getByTestId("hangup-button").click({ timeout: 20_000 });
  await expect(page.getByTestId("call-bar")).toHaveAttribute("data-status", /COMPLETED|MISSED/, { timeout: 20_000 });
});

test("the lead page reads well at phone width", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const leads = await (await page.request.get("/api/v1/leads?status=CONTACTED&limit=1")).json();
  await page.goto(`/leads/${leads.items[0].id}`);
  await expect(page.getByTestId("call-button")).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: artifact("lead-mobile.png"), fullPage: true });
  await page.goto("/leads");
  await page.screenshot({ path: artifact("leads-mobile.png"), fullPage: false });
});
