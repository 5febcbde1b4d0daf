import { expect, test } from "@playwright/test";
import { asReviewer, asScientist, uniqueName } from "./fixtures";

// A model version's Deploy action: choose the workspace and endpoint, land on the deployment form with the
// version already chosen, and deploy it.

asScientist(
  "deploy a registry version from its page into a new endpoint, then a workspace version into an existing one",
  async ({ page }) => {
    test.setTimeout(120_000);
    const endpoint = uniqueName("e2e-deploy");
    await page.goto("/registries/shared/models/iris-classifier/versions/1");
    await page.getByRole("button", { name: "Deploy" }).click();
    const dialog = page.getByRole("dialog", { name: "Deploy registries/shared/iris-classifier:1" });
    // The scientist writes to dev and test, not prod; a registry version may go to either.
    const workspace = dialog.getByLabel("Workspace");
    await expect(workspace.locator("option")).toHaveText(["dev", "test"]);
    await workspace.selectOption("dev");
    await dialog.getByLabel("Endpoint", { exact: true }).selectOption({ label: "New online endpoint…" });
    await dialog.getByLabel("New endpoint name").fill(endpoint);
    await dialog.getByRole("button", { name: "Continue" }).click();

    await expect(page).toHaveURL(new RegExp(`/workspaces/dev/endpoints/${endpoint}/deployments/new\\?model=`));
    const form = page.getByRole("form", { name: "New deployment" });
    await expect(form.getByLabel("Model version", { exact: true })).toHaveValue("registries/shared/iris-classifier:1");
    await form.getByLabel("Name").fill("blue");
    await form.getByRole("button", { name: "Deploy" }).click();
    await expect(page).toHaveURL(new RegExp(`/workspaces/dev/endpoints/${endpoint}$`));
    const row = page.getByRole("table", { name: "Deployments" }).getByRole("row").filter({ hasText: "blue" });
    await expect(row.getByText("registries/shared/iris-classifier:1")).toBeVisible();
    await expect(row.getByText("succeeded")).toBeVisible({ timeout: 60_000 });

    // A dev version proposes dev only, and the endpoint just made is offered.
    await page.goto("/workspaces/dev/models/iris-classifier/versions/2");
    await page.getByRole("button", { name: "Deploy" }).click();
    const again = page.getByRole("dialog", { name: "Deploy iris-classifier:2" });
    await expect(again.getByLabel("Workspace").locator("option")).toHaveText(["dev"]);
    await again.getByLabel("Endpoint", { exact: true }).selectOption(endpoint);
    await again.getByRole("button", { name: "Continue" }).click();
    await expect(
      page.getByRole("form", { name: "New deployment" }).getByLabel("Model version", { exact: true }),
    ).toHaveValue("iris-classifier:2");
  },
);

asScientist(
  "a new endpoint name the API refuses is reported in the dialog, and nothing is created",
  async ({ page }) => {
    await page.goto("/workspaces/dev/models/iris-classifier/versions/2");
    await page.getByRole("button", { name: "Deploy" }).click();
    const dialog = page.getByRole("dialog", { name: "Deploy iris-classifier:2" });
    await dialog.getByLabel("Endpoint", { exact: true }).selectOption({ label: "New online endpoint…" });
    await dialog.getByLabel("New endpoint name").fill("Not a valid name!");
    await dialog.getByRole("button", { name: "Continue" }).click();
    await expect(dialog.getByRole("alert")).toContainText("Endpoint not created");
    await expect(page).toHaveURL(/\/models\/iris-classifier\/versions\/2$/);
  },
);

asReviewer("a reader who writes to no workspace sees no Deploy action", async ({ page }) => {
  await page.goto("/registries/shared/models/iris-classifier/versions/1");
  await expect(page.getByRole("heading", { name: /iris-classifier/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "Deploy" })).toHaveCount(0);
});
