// The agent's core loop in real Chromium against the app and the Smartflo simulator (time x0.2).
import type { Page } from "@playwright/test";
import { E2E_SIM_PORT } from "./env";
import { expect, test } from "./fixtures";
import { artifact, stateFile, WEBHOOK_TOKEN } from "./helpers";

const SIM = `http://127.0.0.1:${E2E_SIM_PORT}`;

test.use({ storageState: stateFile("agent") });

async function newLead(page: Page, index: number) {
  const res = await page.request.get("/api/v1/leads?status=NEW&limit=50&sort=createdAt&order=asc");
  expect(res.ok()).toBe(true);
  const lead = (await res.json()).items[index] as { id: string; name: string; phone: string };
  expect(lead, `a NEW lead #${index}`).toBeTruthy();
  return lead;
}

async function scenario(page: Page, phone: string, body: Record<string, unknown>) {
  const res = await page.request.post(`${SIM}/__sim/scenario`, { data: { number: phone, ...body } });
  expect(res.ok()).toBe(true);
}

test("call a lead, see it ring and connect, hang up, play the recording; CONTACTED without a reload", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  const lead = await newLead(page, 0);
  await scenario(page, lead.phone, { outcome: "answer", ringSeconds: 15, talkSeconds: 3000 });
  await page.goto(`/leads/${lead.id}`);
  await expect(page.getByTestId("lead-status")).toHaveText("New");

  await page.getByRole("button", { name: `Call ${lead.name}` }).click();
  await expect(page.getByTestId("call-state")).toHaveText(/Connecting|Ringing/);
  await expect(page.getByTestId("call-state")).toHaveText("Ringing…");
  await expect(page.getByTestId("call-state")).toHaveText("In call", { timeout: 20_000 });
  await expect(page.getByTestId("hangup-button")).toBeEnabled();
  await page.screenshot({ path: artifact("lead-during-call.png"), fullPage: true });

  await page.waitForTimeout(8000); // 40 simulated seconds of talk
  await page.getByTestId("hangup-button").click();
  await expect(page.getByTestId("call-state")).toHaveText("Answered");

  const entry = page.getByTestId("call-entry").first();
  await expect(entry).toHaveAttribute("data-call-status", "COMPLETED");
  await expect(page.getByTestId("lead-status")).toHaveText("Contacted", { timeout: 15_000 });
  await expect(page.getByTestId("last-contacted")).not.toHaveText("Never");
  const audio = entry.locator("audio");
  await expect(audio).toBeVisible({ timeout: 15_000 });
  const duration = await audio.evaluate(
    (el: HTMLAudioElement) =>
      new Promise<number>((resolve, reject) => {
        el.addEventListener("loadedmetadata", () => resolve(el.duration), { once: true });
        el.addEventListener("error", () => reject(new Error("audio error")), { once: true });
        el.preload = "metadata";
        el.load();
      }),
  );
  expect(duration).toBeGreaterThan(1);
  const ranged = await page.request.get((await audio.getAttribute("src"))!, { headers: { Range: "bytes=100-199" } });
  expect(ranged.status()).toBe(206);
  expect(ranged.headers()["content-range"]).toMatch(/^bytes 100-199\//);
  // Re-served as audio, inert: no sniffing, a sandbox CSP (the route's own, not the API default).
  expect(ranged.headers()["content-type"]).toBe("audio/wav");
  expect(ranged.headers()["x-content-type-options"]).toBe("nosniff");
  expect(ranged.headers()["content-security-policy"]).toBe("sandbox");
  await page.screenshot({ path: artifact("lead-after-call.png"), fullPage: true });
  expect(errors).toEqual([]);
});

test("leaving the lead's page mid-call keeps the call on screen: the call bar hangs it up from anywhere, at a desk and on a phone", async ({
  page,
}) => {
  const phone = `+9197${String(Date.now() % 1e8).padStart(8, "0")}`;
  const made = await page.request.post("/api/v1/leads", { data: { name: "Roaming Caller", phone } });
  expect(made.status()).toBe(201);
  const lead = (await made.json()) as { id: string; name: string };
  await scenario(page, phone, { outcome: "answer", ringSeconds: 5, talkSeconds: 3000 });
  await page.goto(`/leads/${lead.id}`);
  await page.getByRole("button", { name: `Call ${lead.name}` }).click();
  await expect(page.getByTestId("call-state")).toHaveText("In call", { timeout: 20_000 });
  // On its lead's page the call panel has the call: no second bar.
  await expect(page.getByTestId("active-call-bar")).toHaveCount(0);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tasks" }).click();
  await expect(page).toHaveURL(/\/tasks$/);
  const bar = page.getByTestId("active-call-bar");
  await expect(bar).toHaveAttribute("data-status", "ANSWERED");
  await expect(bar).toContainText("Roaming Caller");
  await expect(bar.getByTestId("active-call-hangup")).toBeEnabled();
  await page.screenshot({ path: artifact("call-bar-desk.png") });
  // A reload (or another tab) finds it again from the server.
  await page.reload();
  await expect(bar).toHaveAttribute("data-status", "ANSWERED");
  // On a phone it sits above the tab bar, never under it.
  await page.setViewportSize({ width: 390, height: 844 });
  const tabs = page.getByRole("navigation", { name: "Main (phone)" });
  await expect(tabs).toBeVisible();
  const [barBox, tabsBox] = [await bar.boundingBox(), await tabs.boundingBox()];
  expect(barBox!.y + barBox!.height).toBeLessThanOrEqual(tabsBox!.y);
  expect(barBox!.width).toBeLessThanOrEqual(390);
  // Scrolled to the end, the page's last row is above the bar, not under it.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const last = await page.locator("main > *").last().boundingBox();
  expect(last!.y + last!.height).toBeLessThanOrEqual((await bar.boundingBox())!.y);
  await page.screenshot({ path: artifact("call-bar-phone.png") });

  await bar.getByTestId("active-call-hangup").click();
  await expect(bar).toHaveCount(0);
  await page.goto(`/leads/${lead.id}`);
  await expect(page.getByTestId("call-entry").first()).toHaveAttribute("data-call-status", "COMPLETED", { timeout: 15_000 });
});

test("a call nobody answers is logged as missed and leaves the status alone", async ({ page }) => {
  const lead = await newLead(page, 1);
  await scenario(page, lead.phone, { outcome: "no-answer", ringSeconds: 10 });
  await page.goto(`/leads/${lead.id}`);
  await page.getByRole("button", { name: `Call ${lead.name}` }).click();
  await expect(page.getByTestId("call-state")).toHaveText("Missed", { timeout: 20_000 });
  await expect(page.getByTestId("call-entry").first()).toHaveAttribute("data-call-status", "MISSED");
  await expect(page.getByTestId("call-entry").first()).toContainText("Missed");
  await expect(page.getByTestId("lead-status")).toHaveText("New");
});

test("the seed's curl webhook puts a call on an open lead page without a reload", async ({ page }) => {
  const lead = await newLead(page, 2);
  await page.goto(`/leads/${lead.id}`);
  await expect(page.getByTestId("lead-status")).toHaveText("New");
  await expect(page.getByTestId("call-entry")).toHaveCount(0);
  const res = await page.request.post(`/api/v1/smartflo/webhook?token=${WEBHOOK_TOKEN}`, {
    data: {
      call_id: `e2e_call_${Date.now()}`,
      call_status: "answered",
      direction: "outbound",
      duration: "45",
      ref_id: lead.id,
      agent_number: "123456",
      customer_number: lead.phone.slice(-10),
    },
  });
  expect(res.status()).toBe(200);
  await expect(page.getByTestId("call-entry")).toHaveCount(1, { timeout: 15_000 });
  await expect(page.getByTestId("lead-status")).toHaveText("Contacted");
  const unauthorised = await page.request.post("/api/v1/smartflo/webhook", { data: { call_id: "x", ref_id: lead.id } });
  expect(unauthorised.status()).toBe(401);
});
