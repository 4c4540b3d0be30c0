// Signs each demo user in once through the real UI and keeps the session (storage state).
import { expect, test as setup } from "@playwright/test";
import { DEMO, signInThroughUi, stateFile } from "./helpers";

for (const who of Object.keys(DEMO) as (keyof typeof DEMO)[]) {
  setup(`sign in as ${who}`, async ({ page }) => {
    await signInThroughUi(page, DEMO[who]);
    await expect(page.getByTestId("current-user")).toBeVisible();
    await page.context().storageState({ path: stateFile(who) });
  });
}
