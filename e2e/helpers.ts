import path from "node:path";
import { expect, type Page } from "@playwright/test";

export { PASSWORD, WEBHOOK_TOKEN } from "./env";

import { E2E_PORT, PASSWORD } from "./env";
export const DEMO = {
  agent: "agent@demo.local",
  agent2: "agent2@demo.local",
  manager: "manager@demo.local",
  admin: "admin@demo.local",
} as const;

// Per server port: two e2e runs on one checkout (NEXT_DIST_DIR, E2E_PORT) keep their own sessions.
/** Every admin-only settings page (the a11y and responsive specs walk them all). */
export const ADMIN_SETTINGS_PAGES = [
  "/settings/telephony",
  "/settings/calling",
  "/settings/compliance",
  "/settings/fields",
  "/settings/lead-sources",
  "/settings/routing",
  "/settings/integrations",
  "/settings/developers",
  "/settings/webhooks",
  "/settings/users",
  "/settings/audit",
];

export const stateFile = (who: keyof typeof DEMO) => path.join(import.meta.dirname, ".auth", `${E2E_PORT}-${who}.json`);
export const artifact = (name: string) => path.join(import.meta.dirname, "artifacts", name);

export async function signInThroughUi(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
}
