// Signs each demo user in once through the real UI and keeps the session (storage state).
import { expect, test as setup } from "@playwright/test";
import { ALL_DAY_CALLING_HOURS } from "../lib/compliance/hours";
import { DEMO, signInThroughUi, stateFile } from "./helpers";

for (const who of Object.keys(DEMO) as (keyof typeof DEMO)[]) {
  setup(`sign in as ${who}`, async ({ page }) => {
    await signInThroughUi(page, DEMO[who]);
    await expect(page.getByTestId("current-user")).toBeVisible();
    await page.context().storageState({ path: stateFile(who) });
  });
}

// The suite runs at any hour of the day: open the calling hours for the run (compliance.spec.ts
// closes them for its own test and opens them again).
setup("open the calling hours", async ({ page }) => {
  await signInThroughUi(page, DEMO.admin);
  const res = await page.request.put("/api/v1/settings/compliance", { data: { callingHours: ALL_DAY_CALLING_HOURS } });
  expect(res.status()).toBe(200);
});
