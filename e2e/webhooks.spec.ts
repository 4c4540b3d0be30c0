// Outgoing webhooks as an admin uses them: add an endpoint (a real receiver on this machine), copy
// its secret, send a test event, then make a lead and see the receiver get a signed lead.created
// that the standardwebhooks package verifies; the delivery log says Delivered.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { expect, test } from "./fixtures";
import { artifact, stateFile } from "./helpers";

test.use({ storageState: stateFile("admin") });

test("an admin adds an endpoint; a new lead reaches it signed, and the log says Delivered", async ({ page }) => {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
    res.writeHead(200).end("ok");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/crm`;
  try {
    await page.goto("/settings/webhooks");
    await expect(page.getByRole("heading", { name: "Outgoing webhooks" })).toBeVisible();
    // A wrong address is named under its field.
    await page.getByLabel("Address (URL)").fill("not an address");
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await expect(page.getByText("must be a URL such as https://example.com/hooks/crm")).toBeVisible();

    await page.getByLabel("Address (URL)").fill(url);
    await page.getByLabel("Description (optional)").fill("Our ERP");
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const once = page.getByTestId("webhook-secret");
    await expect(once).toContainText("shown only this once");
    const secret = (await once.getByRole("region", { name: "Signing secret" }).innerText()).trim();
    expect(secret).toMatch(/^whsec_/);
    await page.screenshot({ path: artifact("settings-webhooks-secret.png"), fullPage: true });
    await page.getByRole("button", { name: "Done, I have copied it" }).click();

    const card = page.getByTestId("webhook-endpoint").filter({ hasText: url });
    await card.getByRole("button", { name: "Send test event" }).click();
    await expect(card.getByText(/Delivered: the endpoint answered HTTP 200/)).toBeVisible();

    const phone = `+9198${String(Date.now()).slice(-8)}`;
    const made = await page.request.post("/api/v1/leads", { data: { name: "Webhook Walk", phone } });
    expect(made.ok()).toBe(true);
    const leadId = (await made.json()).id as string;
    const wh = new Webhook(secret);
    await expect
      .poll(
        () =>
          received
            .map((r) => wh.verify(r.body, r.headers as Record<string, string>) as { type: string; data: { lead?: { id: string } } })
            .some((e) => e.type === "lead.created" && e.data.lead?.id === leadId),
        { timeout: 20_000 },
      )
      .toBe(true);

    await card.getByRole("button", { name: "Deliveries" }).click();
    const log = card.getByTestId("webhook-deliveries");
    await expect(log.locator('tr[data-status="DELIVERED"]').filter({ hasText: "lead.created" }).first()).toBeVisible({ timeout: 20_000 });
    await expect(card).toContainText("Working");
    await page.screenshot({ path: artifact("settings-webhooks.png"), fullPage: true });

    await card.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await expect(card).toHaveCount(0);
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
});
