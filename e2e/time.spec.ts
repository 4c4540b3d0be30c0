// Every time shown is India time, whatever the browser's time zone: a browser in New York sees the
// same dates and times as one in Bengaluru, and no page hydrates differently from the server's
// render (the fixtures fail the test on any hydration warning), /calling on a break included.
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { stateFile } from "./helpers";

test.use({ timezoneId: "America/New_York", storageState: stateFile("agent") });

const DATE = new Intl.DateTimeFormat("en-IN", { timeZone: "Asia/Kolkata", day: "numeric", month: "short", year: "numeric" });
const TIME = new Intl.DateTimeFormat("en-IN", { timeZone: "Asia/Kolkata", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const RELATIVE = /(just now|yesterday|\d+ (minute|hour|day)s? ago)/;

/** Each <time datetime> on the page reads as that instant in India time (or relative wording). */
async function expectIndiaTimes(page: Page, path: string) {
  const times = await page
    .locator("time[datetime]")
    .evaluateAll((els) => els.map((e) => ({ iso: e.getAttribute("datetime") ?? "", text: e.textContent ?? "" })));
  for (const { iso, text } of times) {
    const d = new Date(iso);
    const ok =
      [`${DATE.format(d)}, ${TIME.format(d)}`, TIME.format(d), DATE.format(d)].some((s) => text.includes(s)) || RELATIVE.test(text);
    expect(ok, `${path}: "${text}" for ${iso} is not India time`).toBe(true);
  }
  return times.length;
}

test("a browser in New York reads India time everywhere, and nothing hydrates differently", async ({ page }) => {
  expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe("America/New_York");
  const leads = await (await page.request.get("/api/v1/leads?status=CONTACTED&limit=1")).json();
  let seen = 0;
  for (const path of ["/", `/leads/${leads.items[0].id}`, "/tasks", "/calling"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    seen += await expectIndiaTimes(page, path);
  }
  expect(seen, "some times were checked").toBeGreaterThan(3);

  // On a break: /calling says since when, in India time, and renders the same on the server.
  const reasons = await (await page.request.get("/api/v1/breaks/reasons")).json();
  const started = await page.request.post("/api/v1/breaks/me", { data: { reasonId: reasons.items[0].id } });
  expect(started.status()).toBe(201);
  try {
    await page.goto("/calling");
    await expect(page.getByTestId("dialer-on-break")).toBeVisible();
    const since = new Date((await started.json()).break.startedAt);
    await expect(page.getByTestId("dialer-on-break")).toContainText(TIME.format(since));
    await page.reload();
    await expect(page.getByTestId("break-status")).toBeVisible();
  } finally {
    const ended = await page.request.delete("/api/v1/breaks/me", { headers: { "content-type": "application/json" } });
    expect(ended.ok(), `ending the break: ${ended.status()}`).toBe(true);
  }
});
