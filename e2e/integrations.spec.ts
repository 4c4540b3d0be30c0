// Leads from ads and marketplaces, as an admin tries them on a fresh install: from Settings →
// Integrations a test lead goes through each platform's simulator (Meta's signed notification and
// Graph read, Google Ads' webhook, IndiaMART's pull) and appears, live, on the list of the agent it
// was given to, with its source and campaign; the lead page shows what they answered; the
// lead-source report counts them.
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { artifact, stateFile } from "./helpers";

test.use({ storageState: stateFile("admin") });

async function openLists(browser: Browser, baseURL: string | undefined) {
  const pages: Page[] = [];
  for (const who of ["agent", "agent2"] as const) {
    const context = await browser.newContext({ baseURL, storageState: stateFile(who) });
    const page = await context.newPage();
    await page.goto("/leads");
    await expect(page.getByRole("heading", { name: "Leads", level: 1 })).toBeVisible();
    pages.push(page);
  }
  return pages;
}

/** The new lead's row: its name and its number (the simulator's made-up names repeat, and the demo leads use the same ones). */
const leadRow = (list: Page, lead: { name: string; phone: string }) =>
  list.getByRole("row").filter({ hasText: lead.name }).filter({ hasText: lead.phone });

/** The agent's list that shows the lead without a reload (round-robin gave it to one of them). */
async function arrivesOnAList(lists: Page[], lead: { name: string; phone: string }): Promise<Page> {
  const counts = () => Promise.all(lists.map((p) => leadRow(p, lead).count()));
  await expect.poll(async () => (await counts()).reduce((a, b) => a + b), { timeout: 30_000 }).toBe(1);
  return lists[(await counts()).indexOf(1)]!;
}

test("a test lead from each platform lands on an agent's list with its source; the report counts them", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const lists = await openLists(browser, baseURL);
  await page.goto("/settings/integrations");
  await expect(page.getByRole("heading", { name: "Integrations", level: 1 })).toBeVisible();

  const made: { name: string; phone: string; source: string }[] = [];
  for (const [slug, source] of [
    ["meta", "Meta Lead Ads"],
    ["google-ads", "Google Ads"],
    ["indiamart", "IndiaMART"],
  ] as const) {
    const card = page.getByTestId(`integration-${slug}`);
    await expect(card.getByText("Simulator", { exact: true })).toBeVisible();
    await card.getByRole("button", { name: "Send a test lead" }).click();
    const said = card.getByRole("status").filter({ hasText: /was sent|is waiting on IndiaMART/ });
    await expect(said).toBeVisible({ timeout: 20_000 });
    const [, name, phone] = /^(.+?) \((\+91[\d ]+)\)/.exec(await said.innerText())!;
    made.push({ name: name!, phone: phone!, source });
    const list = await arrivesOnAList(lists, { name: name!, phone: phone! });
    // Its source on the list, and the card's last lead.
    await expect(leadRow(list, { name: name!, phone: phone! })).toContainText(source);
    await expect(card.getByText("None yet")).toHaveCount(0, { timeout: 15_000 });
  }
  await page.screenshot({ path: artifact("integrations-after-test-leads.png"), fullPage: true });

  // The Meta lead's page: campaign, and the form's own question as a note.
  await page.goto(`/leads?q=${made[0]!.phone.replace(/\D/g, "").slice(-10)}`);
  await leadRow(page, made[0]!).getByRole("link", { name: made[0]!.name, exact: true }).click();
  await expect(page.getByText("Diwali Bengaluru – Leads")).toBeVisible();
  await expect(page.getByText(/When do you plan to buy\?/)).toBeVisible();

  // The report counts each source.
  await page.goto("/reports/sources");
  const table = page.getByRole("table").first();
  for (const { source } of made) await expect(table.getByRole("row").filter({ hasText: source }).first()).toBeVisible();
  for (const l of lists) await l.context().close();
});

test("the webhook refuses a notification Meta did not sign, and an unknown Google key", async ({ request }) => {
  const meta = await request.post("/api/v1/integrations/meta/webhook", {
    data: { object: "page", entry: [] },
    headers: { "x-hub-signature-256": "sha256=00" },
  });
  expect(meta.status()).toBe(403);
  expect((await meta.json()).error.fields).toHaveProperty("x-hub-signature-256");
  const google = await request.post("/api/v1/integrations/google-ads/webhook", { data: { lead_id: "x", google_key: "wrong" } });
  expect(google.status()).toBe(403);
  const handshake = await request.get("/api/v1/integrations/meta/webhook?hub.mode=subscribe&hub.challenge=42&hub.verify_token=nope");
  expect(handshake.status()).toBe(403);
});
