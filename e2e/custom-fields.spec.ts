// Custom lead fields as an admin and a floor use them: define "Project" (a choice) on Settings →
// Lead fields, fill it in on a new lead, read it on the lead's page, change it in Edit, and filter
// the lead list by it (the filter lives in the URL).
import { expect, test } from "./fixtures";
import { artifact, stateFile } from "./helpers";

test.use({ storageState: stateFile("admin") });

test("an admin adds a field; a lead gets a value; the list filters on it", async ({ page }) => {
  const stamp = Date.now().toString(36);
  const label = `Project ${stamp}`;
  await page.goto("/settings/fields");
  await expect(page.getByRole("heading", { name: "Lead fields" })).toBeVisible();
  const form = page.getByRole("form", { name: "New lead field" });
  // A choice field without choices is named under its field.
  await form.getByLabel("Name").fill(label);
  await form.getByRole("button", { name: "Add field" }).click();
  await expect(form.getByText("give at least one choice")).toBeVisible();
  await form.getByLabel("Choices").fill("Skyline Towers\nLake View\nGreen Acres");
  await form.getByRole("button", { name: "Add field" }).click();
  await expect(page.getByTestId("custom-field").filter({ hasText: label })).toContainText("One choice");
  await page.screenshot({ path: artifact("settings-lead-fields.png"), fullPage: true });

  await page.goto("/leads");
  await page.getByRole("button", { name: "New lead" }).click();
  const lead = page.getByRole("form", { name: "New lead" });
  await lead.getByLabel("Name").fill(`Field Walk ${stamp}`);
  await lead.getByLabel("Phone").fill(`97${String(Date.now()).slice(-8)}`);
  await lead.getByLabel(`${label} (optional)`).selectOption("Lake View");
  await lead.getByRole("button", { name: "Create lead" }).click();
  await expect(page).toHaveURL(/\/leads\/[a-z0-9]+$/);
  await expect(page.getByText("Lake View")).toBeVisible();

  await page.getByRole("button", { name: "Edit" }).first().click();
  const edit = page.getByRole("form", { name: "Edit lead" });
  await edit.getByLabel(`${label} (optional)`).selectOption("Skyline Towers");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Skyline Towers")).toBeVisible();

  await page.goto("/leads");
  await page.getByLabel(label).selectOption("Skyline Towers");
  await expect(page).toHaveURL(new RegExp(`f\\.project_${stamp}=Skyline`));
  await expect(page.getByText(`Field Walk ${stamp}`).first()).toBeVisible();
  await page.getByLabel(label).selectOption("Green Acres");
  await expect(page.getByText(`Field Walk ${stamp}`)).toHaveCount(0);
});
