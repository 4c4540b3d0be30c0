import { expect, test } from "./fixtures";
import { artifact, stateFile, WEBHOOK_TOKEN } from "./helpers";

test.describe("as the admin", () => {
  test.use({ storageState: stateFile("admin") });

  test("copies the webhook URL and body, sends a test delivery and sees it processed in the log", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto("/settings/telephony");
    await expect(page.getByRole("heading", { name: "Telephony" })).toBeVisible();
    await expect(page.getByTestId("telephony-mode")).toHaveText("Built-in Smartflo simulator");
    await expect(page.getByTestId("connection-result")).toContainText("Connected");

    const hangup = page.getByRole("article", { name: "Call hangup (Missed or Answered)" });
    await hangup.getByRole("button", { name: "Copy webhook URL" }).click();
    const url = await page.evaluate(() => navigator.clipboard.readText());
    expect(url).toMatch(new RegExp(`/api/v1/smartflo/webhook\\?token=${WEBHOOK_TOKEN}$`));
    await hangup.getByRole("button", { name: /Copy Call hangup .* body/ }).click();
    const body = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
    expect(body).toMatchObject({ call_id: "$call_id", ref_id: "$ref_id", recording_url: "$recording_url" });

    await page.getByRole("button", { name: "Send test delivery" }).click();
    await expect(page.getByTestId("test-delivery-result")).toContainText("HTTP 200 · delivery processed");
    await expect(page.getByTestId("delivery-log").locator('tr[data-status="PROCESSED"]').first()).toContainText("Smartflo webhook test");
    await expect(page.getByTestId("last-received-hangup")).toContainText("Last delivery");
    await page.screenshot({ path: artifact("settings-telephony.png"), fullPage: true });
  });

  test("sets an agent's Smartflo number on the users page", async ({ page }) => {
    await page.goto("/settings/users");
    const input = page.getByLabel("Smartflo agent number of Kavya Agent");
    await expect(input).toHaveValue("9000000002");
    await input.fill("9000000012");
    await page.locator('tr[data-user="agent2@demo.local"]').getByRole("button", { name: "Save" }).click();
    await expect(page.locator('tr[data-user="agent2@demo.local"]').getByRole("button", { name: "Save" })).toBeDisabled();
    await page.reload();
    await expect(page.getByLabel("Smartflo agent number of Kavya Agent")).toHaveValue("9000000012");
    await page.screenshot({ path: artifact("settings-users.png"), fullPage: true });
  });
});

test("an agent gets 404 on the settings pages and their APIs", async ({ browser }) => {
  const context = await browser.newContext({ storageState: stateFile("agent") });
  const page = await context.newPage();
  for (const path of ["/settings/telephony", "/settings/users"]) expect((await page.goto(path))?.status(), path).toBe(404);
  for (const [method, path] of [
    ["GET", "/api/v1/settings/telephony"],
    ["POST", "/api/v1/settings/telephony/check"],
    ["POST", "/api/v1/settings/telephony/test-delivery"],
    ["GET", "/api/v1/webhook-events"],
    ["GET", "/api/v1/users?all=1"],
    ["GET", "/api/v1/smartflo/agents"],
    ["POST", "/api/v1/reconcile"],
  ] as const) {
    const res =
      method === "GET"
        ? await page.request.get(path)
        : await page.request.post(path, { data: method === "POST" && path.includes("reconcile") ? { from: "2026-01-01" } : {} });
    expect(res.status(), `${method} ${path}`).toBe(404);
  }
  await context.close();
});
