// Speed to lead in real Chromium: a lead arrives through a lead source's URL while the agent has
// the app open; within moments their tab pops it (name, source, what they asked, the time left),
// Home's "New leads to call" and the admins' /live "Leads waiting" list it, and Call now dials it
// through click-to-call (the Smartflo simulator answers), opening the lead with the call live and
// the clock saying how soon it was called. In a background tab the pop also notifies.
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { E2E_SIM_PORT } from "./env";
import { expect, test } from "./fixtures";
import { artifact, DEMO, stateFile } from "./helpers";

const SIM = `http://127.0.0.1:${E2E_SIM_PORT}`;

test.use({ storageState: stateFile("agent") });

/** An admin's API client (their own browser context). */
async function adminContext(browser: Browser, baseURL: string | undefined) {
  return browser.newContext({ baseURL, storageState: stateFile("admin") });
}

/** A new lead source and the path of its URL (the URL carries its token; APP_URL may name another host). */
async function leadSourceUrl(admin: APIRequestContext) {
  const res = await admin.post("/api/v1/lead-sources", { data: { name: `Speed test ${Date.now()}` } });
  expect(res.status(), await res.text()).toBe(201);
  const source = (await res.json()) as { name: string; url: string };
  const url = new URL(source.url);
  return { name: source.name, path: `${url.pathname}${url.search}` };
}

/**
 * Posts a lead to the source as a website would, and makes sure it is the demo agent's: the routing
 * rule gives arriving leads to Meera's team in turn, so a lead another member got is moved to the
 * agent by the admin (a lead moved to someone pops for them just the same).
 */
async function leadArrives(admin: APIRequestContext, path: string, who: { name: string; message: string }) {
  const number = `97${String(Date.now()).slice(-8)}`;
  const res = await admin.post(path, { data: { name: who.name, phone: number, message: who.message, consent: "yes" } });
  expect(res.status(), await res.text()).toBe(201);
  const { leadId } = (await res.json()) as { leadId: string };
  const lead = (await (await admin.get(`/api/v1/leads/${leadId}`)).json()) as {
    id: string;
    phone: string;
    owner: { id: string } | null;
    firstResponse: { dueAt: string | null };
  };
  expect(lead.firstResponse.dueAt, "an arriving lead gets a first-response clock").not.toBeNull();
  const users = (await (await admin.get("/api/v1/users?all=1")).json()) as { items: { id: string; email: string }[] };
  const agentId = users.items.find((u) => u.email === DEMO.agent)!.id;
  if (lead.owner?.id !== agentId) {
    const moved = await admin.patch(`/api/v1/leads/${leadId}`, { data: { ownerId: agentId } });
    expect(moved.ok(), await moved.text()).toBe(true);
  }
  return { id: leadId, phone: lead.phone };
}

async function openHome(page: Page) {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: /Hello, Arjun/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: /New leads to call/ })).toBeVisible();
}

test("a lead that arrives pops in the agent's open tab, with the time left; Call now dials it and opens the lead", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const adminCtx = await adminContext(browser, baseURL);
  const board = await adminCtx.newPage();
  await board.goto("/live");
  await expect(board.getByRole("heading", { name: /Leads waiting for a first call/ })).toBeVisible();
  await openHome(page);

  const { path, name: source } = await leadSourceUrl(adminCtx.request);
  const name = `Nisha Popwala ${Date.now().toString(36)}`;
  const lead = await leadArrives(adminCtx.request, path, { name, message: "Is the 2BHK in Baner still available?" });

  // The pop, without a reload: who, from where, what they asked, a running countdown.
  const pop = page.getByTestId("new-lead-pop");
  await expect(pop).toBeVisible({ timeout: 10_000 });
  await expect(pop).toHaveAttribute("data-lead-id", lead.id);
  await expect(pop.getByTestId("new-lead-name")).toHaveText(name);
  await expect(pop.getByTestId("new-lead-source")).toContainText(source);
  await expect(pop.getByTestId("new-lead-asked")).toHaveText("Is the 2BHK in Baner still available?");
  const left = pop.getByTestId("time-left");
  await expect(left).toHaveText(/^\d+:\d\d left$|^\d+h \d\dm left$/);
  await expect(left).toHaveAttribute("data-overdue", "false");
  const first = await left.innerText();
  await expect(left).not.toHaveText(first, { timeout: 5000 }); // it counts down
  await page.screenshot({ path: artifact("new-lead-pop.png"), fullPage: false });

  // Home's queue and the admins' board list it too.
  await expect(page.getByTestId("new-leads-queue").locator(`[data-lead-id="${lead.id}"]`)).toBeVisible();
  const waiting = board.getByTestId("board-leads-waiting").locator(`[data-lead-id="${lead.id}"]`);
  await expect(waiting).toBeVisible({ timeout: 10_000 });
  await expect(waiting).toContainText("Arjun Agent");
  await expect(waiting.getByTestId("waiting-time")).toHaveText(/^Waiting \d+:\d\d · /);

  // Call now: the click-to-call every Call button places; the simulator answers.
  const scenario = await page.request.post(`${SIM}/__sim/scenario`, {
    data: { number: lead.phone, outcome: "answer", ringSeconds: 10, talkSeconds: 600 },
  });
  expect(scenario.ok()).toBe(true);
  await pop.getByRole("button", { name: `Call ${name} now` }).click();
  await expect(page).toHaveURL(new RegExp(`/leads/${lead.id}$`));
  await expect(page.getByTestId("new-lead-pop")).toHaveCount(0);
  await expect(page.getByTestId("call-bar")).toBeVisible();
  await expect(page.getByTestId("call-state")).toHaveText("In call", { timeout: 20_000 });
  // The call is the lead's first: the clock stops, saying how soon.
  await expect(page.getByTestId("first-response")).toHaveAttribute("data-state", "on-time", { timeout: 15_000 });
  await expect(page.getByTestId("first-response")).toHaveText(/Called (within a minute|\d+ min) (of|after) arriving/);
  await page.screenshot({ path: artifact("new-lead-called.png"), fullPage: true });
  await page.getByTestId("hangup-button").click();
  await expect(page.getByTestId("call-bar")).toHaveAttribute("data-status", /COMPLETED|MISSED/, { timeout: 20_000 });

  // Called: off the board's waiting list, and off Home's queue.
  await expect(waiting).toHaveCount(0, { timeout: 15_000 });
  await openHome(page);
  await expect(page.getByTestId("new-leads-queue").locator(`[data-lead-id="${lead.id}"]`)).toHaveCount(0);
  await adminCtx.close();
});

test("in a background tab the new lead also notifies; Dismiss puts the pop away, and a reload does not bring it back", async ({
  page,
  browser,
  baseURL,
}) => {
  // A notification permission granted earlier (the nav's "Enable call alerts"), and a tab the agent is not looking at.
  await page.addInitScript(() => {
    const w = window as unknown as { __notes: { title: string; body?: string }[]; __hidden: boolean };
    w.__notes = [];
    w.__hidden = false;
    Object.defineProperty(document, "hidden", { configurable: true, get: () => w.__hidden });
    class FakeNotification {
      static permission = "granted";
      static requestPermission = async () => "granted";
      onclick: (() => void) | null = null;
      constructor(title: string, options?: { body?: string }) {
        w.__notes.push({ title, body: options?.body });
      }
      close() {}
    }
    (window as unknown as { Notification: unknown }).Notification = FakeNotification;
  });
  const adminCtx = await adminContext(browser, baseURL);
  await openHome(page);
  await page.evaluate(() => {
    (window as unknown as { __hidden: boolean }).__hidden = true;
  });

  const { path, name: source } = await leadSourceUrl(adminCtx.request);
  const name = `Rohit Bellwala ${Date.now().toString(36)}`;
  const lead = await leadArrives(adminCtx.request, path, { name, message: "Call me after 6" });
  const pop = page.getByTestId("new-lead-pop");
  await expect(pop).toHaveAttribute("data-lead-id", lead.id, { timeout: 10_000 });
  const notes = () => page.evaluate(() => (window as unknown as { __notes: { title: string; body?: string }[] }).__notes);
  await expect.poll(notes).toEqual([expect.objectContaining({ title: `New lead: ${name}`, body: expect.stringContaining(source) })]);

  await pop.getByRole("button", { name: `Dismiss the new lead ${name}` }).click();
  await expect(page.getByTestId("new-lead-pop")).toHaveCount(0);
  // Still waiting for a call: on Home's queue, with its Call button; the pop stays away after a reload.
  const row = page.getByTestId("new-leads-queue").locator(`[data-lead-id="${lead.id}"]`);
  await expect(row.getByRole("button", { name: `Call ${name}` })).toBeVisible();
  await page.reload();
  await expect(row).toBeVisible();
  await expect(page.getByTestId("new-lead-pop")).toHaveCount(0);
  await adminCtx.close();
});
