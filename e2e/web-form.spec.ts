// The hosted form as visitors meet it: with JavaScript off (a plain form post: errors, then the
// thank-you), and embedded with the admin's snippet in a page served from another port, carrying
// that page's UTM parameters into the lead.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "./fixtures";
import { artifact, stateFile } from "./helpers";

test.use({ storageState: stateFile("admin") });

async function formOnNewSource(request: import("@playwright/test").APIRequestContext) {
  const source = await (await request.post("/api/v1/lead-sources", { data: { name: `Builder site ${Date.now()}` } })).json();
  const slug = `pune-${Date.now().toString(36)}`;
  const saved = await request.put(`/api/v1/lead-sources/${source.id}/form`, {
    data: {
      slug,
      title: "2BHK in Pune",
      intro: "Leave your number: we call within 10 minutes.",
      fields: [
        { key: "email", required: false },
        { key: "message", required: false },
      ],
      consentText: "I agree to be called about my enquiry.",
      consentRequired: true,
      thankYou: "Thank you! An advisor will call you shortly.",
    },
  });
  expect(saved.ok(), await saved.text()).toBe(true);
  return { sourceId: source.id as string, slug, url: (await saved.json()).url as string };
}

const phone = () => `98${String(Date.now()).slice(-8)}`;

test("works with JavaScript off: errors by field, then the thank-you; the lead keeps consent and UTM", async ({
  browser,
  page,
  baseURL,
}) => {
  const { slug } = await formOnNewSource(page.request);
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const visitor = await context.newPage();
  await visitor.goto(`/f/${slug}?utm_source=google&utm_campaign=pune-diwali`);
  await expect(visitor.getByRole("heading", { name: "2BHK in Pune" })).toBeVisible();
  await visitor.getByLabel("Your name").fill("Meera Iyer");
  await visitor.getByLabel("Mobile number").fill("12");
  await visitor.getByLabel("I agree to be called about my enquiry.").check();
  await visitor.getByRole("button", { name: "Send" }).click();
  // The server's answer, rendered without a script: the field named, what was typed kept.
  await expect(visitor.getByText("Please enter a mobile number we can call, e.g. 98100 15838.")).toBeVisible();
  await expect(visitor.getByLabel("Your name")).toHaveValue("Meera Iyer");
  await expect(visitor.getByLabel("I agree to be called about my enquiry.")).toBeChecked();
  await visitor.screenshot({ path: artifact("web-form-errors-390.png"), fullPage: true });

  const number = phone();
  await visitor.getByLabel("Mobile number").fill(number);
  await visitor.getByRole("button", { name: "Send" }).click();
  await expect(visitor.getByTestId("form-thanks")).toContainText("An advisor will call you shortly.");
  await context.close();

  const found = await (await page.request.get(`/api/v1/leads?q=${number}`)).json();
  expect(found.items).toHaveLength(1);
  const lead = await (await page.request.get(`/api/v1/leads/${found.items[0].id}`)).json();
  expect(lead).toMatchObject({ name: "Meera Iyer", attribution: { utmSource: "google", utmCampaign: "pune-diwali" } });
  const compliance = await (await page.request.get(`/api/v1/leads/${lead.id}/compliance`)).json();
  expect(compliance.consent).toMatchObject({ method: "WEB_FORM", text: "I agree to be called about my enquiry." });
  // The lead's page shows where it came from.
  await page.goto(`/leads/${lead.id}`);
  await expect(page.getByText("google / pune-diwali")).toBeVisible();
});

test("embedded with the snippet on a site at another address, it carries that page's UTM into the lead", async ({ page }) => {
  const { sourceId, url } = await formOnNewSource(page.request);
  const panel = await (await page.request.get("/api/v1/lead-sources")).json();
  expect(panel.items.find((s: { id: string }) => s.id === sourceId).form.url).toBe(url);
  await page.goto("/settings/lead-sources");
  const card = page.getByTestId("lead-source").filter({ hasText: "Builder site" }).last();
  await card.getByRole("button", { name: "Web form" }).click();
  const snippet = await card.getByRole("region", { name: "Embed code" }).innerText();
  expect(snippet).toContain(url);

  const site = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(`<!doctype html><html><head><title>Skyline Homes</title></head><body><h1>Skyline Homes, Pune</h1>${snippet}</body></html>`);
  });
  await new Promise<void>((r) => site.listen(0, "127.0.0.1", r));
  const port = (site.address() as AddressInfo).port;
  try {
    await page.goto(`http://127.0.0.1:${port}/pune?utm_source=facebook&utm_medium=paid&utm_campaign=skyline`);
    const frame = page.frameLocator("iframe[title='2BHK in Pune']");
    await expect(frame.getByRole("heading", { name: "2BHK in Pune" })).toBeVisible();
    const number = phone();
    await frame.getByLabel("Your name").fill("Rohan Kulkarni");
    await frame.getByLabel("Mobile number").fill(number);
    await frame.getByLabel("Email").fill("rohan@example.com");
    await frame.getByLabel("I agree to be called about my enquiry.").check();
    await frame.getByRole("button", { name: "Send" }).click();
    await expect(frame.getByTestId("form-thanks")).toBeVisible();
    await page.screenshot({ path: artifact("web-form-embedded.png"), fullPage: true });
    const found = await (await page.request.get(`/api/v1/leads?q=${number}`)).json();
    expect(found.items).toHaveLength(1);
    const lead = await (await page.request.get(`/api/v1/leads/${found.items[0].id}`)).json();
    expect(lead.attribution).toMatchObject({ utmSource: "facebook", utmMedium: "paid", utmCampaign: "skyline" });
    expect(lead.attribution.landingPage).toContain(`http://127.0.0.1:${port}/pune`);
  } finally {
    await new Promise<void>((r) => site.close(() => r()));
  }
});
