// A lead left alone: with a one-minute target for its source, nobody calls it; the clock runs out,
// the rule moves it to the next agent of the team, the timeline says so, and the manager's /live
// lists it as waiting and moved. (e2e/new-lead-pop.spec.ts covers the pop and Call now.)
import { expect, test } from "./fixtures";
import { artifact, stateFile } from "./helpers";

test.use({ storageState: stateFile("manager") });

test("a lead nobody calls breaches, moves to the next agent, and the manager sees it on /live", async ({ page, browser, baseURL }) => {
  test.setTimeout(180_000);
  const admin = await browser.newContext({ baseURL, storageState: stateFile("admin") });
  const api = admin.request;
  const sourceName = `Breach test ${Date.now()}`;
  const before = await (await api.get("/api/v1/settings/speed-to-lead")).json();
  const users = (await (await api.get("/api/v1/users?all=1")).json()) as { items: { id: string; email: string; name: string }[] };
  const managerId = users.items.find((u) => u.email === "manager@demo.local")!.id;
  let ruleId: string | null = null;
  try {
    // One minute for this source; agents count as available whether or not their app is open.
    const speed = await api.patch("/api/v1/settings/speed-to-lead", {
      data: { targets: { ...before.targets, [sourceName]: 1 }, awayAfterMinutes: null },
    });
    expect(speed.ok(), await speed.text()).toBe(true);
    const rule = await api.post("/api/v1/routing-rules", {
      data: {
        name: `${sourceName} to Meera's team`,
        conditions: { sources: [sourceName] },
        target: "ROUND_ROBIN",
        targetUserId: managerId,
        onBreach: "REASSIGN",
        position: 0,
      },
    });
    expect(rule.status(), await rule.text()).toBe(201);
    ruleId = ((await rule.json()) as { id: string }).id;
    const source = await api.post("/api/v1/lead-sources", { data: { name: sourceName } });
    const url = new URL(((await source.json()) as { url: string }).url);
    const name = `Left Alone ${Date.now().toString(36)}`;
    const posted = await api.post(`${url.pathname}${url.search}`, { data: { name, phone: `96${String(Date.now()).slice(-8)}` } });
    expect(posted.status(), await posted.text()).toBe(201);
    const { leadId } = (await posted.json()) as { leadId: string };
    const first = (await (await api.get(`/api/v1/leads/${leadId}`)).json()) as { owner: { name: string } | null };
    expect(first.owner).not.toBeNull();

    await page.goto("/live");
    const waiting = page.getByTestId("board-leads-waiting").getByTestId("board-waiting-lead").filter({ hasText: name });
    await expect(waiting).toBeVisible();

    // The clock runs out (one minute), the sweep moves it (every few seconds).
    await expect
      .poll(async () => ((await (await api.get(`/api/v1/leads/${leadId}`)).json()) as { owner: { name: string } | null }).owner?.name, {
        timeout: 120_000,
        intervals: [5_000],
      })
      .not.toBe(first.owner!.name);
    const moved = (await (await api.get(`/api/v1/leads/${leadId}`)).json()) as {
      owner: { name: string };
      firstResponse: { breached: boolean; dueAt: string };
    };
    expect(moved.firstResponse.breached).toBe(true);
    await expect(waiting.getByTestId("moved-times")).toBeVisible({ timeout: 15_000 });
    await page.screenshot({ path: artifact("live-leads-waiting-moved.png"), fullPage: true });

    await page.goto(`/leads/${leadId}`);
    await expect(
      page.getByTestId("first-response-entry").filter({ hasText: `moved from ${first.owner!.name} to ${moved.owner.name}` }),
    ).toBeVisible();
    await page.screenshot({ path: artifact("lead-first-call-overdue.png"), fullPage: true });
  } finally {
    if (ruleId) await api.delete(`/api/v1/routing-rules/${ruleId}`);
    await api.patch("/api/v1/settings/speed-to-lead", { data: { targets: before.targets, awayAfterMinutes: before.awayAfterMinutes } });
    await admin.close();
  }
});
