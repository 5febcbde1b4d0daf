import { expect } from "@playwright/test";
import { asAdmin, asScientist, uniqueName } from "./fixtures";

const CONDA = "name: e2e-env\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n  - scikit-learn=1.4\n";

asScientist(
  "create an environment, then a new version from it, and see the conda file exactly as given",
  async ({ page }) => {
    const name = uniqueName("e2e-env");
    await page.goto("/workspaces/dev/environments");
    await page.getByRole("link", { name: "New environment" }).click();
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Description").fill("Made by the end-to-end test.");
    await page.getByLabel("Conda file (environment.yml)").fill(CONDA);
    await page.getByRole("button", { name: "Add tag" }).click();
    await page.getByLabel("Tags 1 name").fill("team");
    await page.getByLabel("Tags 1 value").fill("e2e");
    await page.getByRole("button", { name: "Create version" }).click();

    await expect(page).toHaveURL(new RegExp(`/workspaces/dev/environments/${name}/versions/1$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText("version 1");
    expect(await page.getByLabel("Conda file", { exact: true }).textContent()).toBe(CONDA);
    await expect(page.getByRole("list", { name: "Tags" })).toContainText("e2e");
    // scikit-learn=1.4 is a conda package: local compute says it would refuse it, and why.
    await expect(page.getByRole("region", { name: "On local compute" })).toContainText(
      "Jobs that name it are refused here: Its conda file asks for conda packages (scikit-learn=1.4)",
    );

    // A new version starts from this one: add a base image and keep the rest.
    await page.getByRole("link", { name: "New version" }).click();
    await expect(page.getByLabel("Conda file (environment.yml)")).toHaveValue(CONDA);
    await page.getByLabel("Base image").fill("python:3.11-slim");
    await page.getByRole("button", { name: "Create version" }).click();
    await expect(page).toHaveURL(new RegExp(`/workspaces/dev/environments/${name}/versions/2$`));
    await expect(page.getByText("python:3.11-slim", { exact: true })).toBeVisible();
    const versions = page.getByRole("table", { name: "Versions" });
    await expect(versions.getByRole("link", { name: "Version 1" })).toBeVisible();

    // A malformed conda file is refused with the reason, and nothing is created.
    await page.getByRole("link", { name: "New version" }).click();
    await page.getByLabel("Conda file (environment.yml)").fill("- python=3.11\n");
    await page.getByRole("button", { name: "Create version" }).click();
    await expect(page.getByText("The environment was not saved")).toBeVisible();
    await expect(
      page.getByText(/conda: Line 1: A conda file must be a mapping of keys .*; this one holds a list\./),
    ).toBeVisible();

    await page.goto(`/workspaces/dev/environments?q=${name}`);
    await expect(
      page.getByRole("table", { name: "Environments" }).getByRole("link", { name: `${name} version 2` }),
    ).toBeVisible();
  },
);

asScientist("upload a CSV data asset and see its profile charts appear", async ({ page }) => {
  const name = uniqueName("e2e-data");
  const rows = Array.from(
    { length: 200 },
    (_, i) => `${i},${(i * 0.37).toFixed(2)},${["red", "green", "blue"][i % 3]}`,
  );
  await page.goto("/workspaces/dev/data");
  await page.getByRole("link", { name: "New data asset" }).click();
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Choose files").setInputFiles({
    name: "points.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(["id,score,color", ...rows].join("\n")),
  });
  await expect(page.getByRole("list", { name: "Selected files" })).toContainText("points.csv");
  await page.getByRole("button", { name: "Create version" }).click();

  await expect(page).toHaveURL(new RegExp(`/workspaces/dev/data/${name}/versions/1$`));
  await expect(page.getByRole("table", { name: "Files" })).toContainText("points.csv");
  // The profile is computed in the background; the page shows it when it is ready, without a reload.
  await expect(page.getByRole("figure", { name: "Histogram of score" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("figure", { name: "Top values of color" })).toBeVisible();
  await expect(
    page.getByRole("figure", { name: "Histogram of score" }).locator(".recharts-bar-rectangle").first(),
  ).toBeVisible();
  const columns = page.getByRole("table", { name: "Columns of points.csv" });
  await expect(columns.getByRole("row", { name: /score/ })).toContainText("number");
  await expect(columns.getByRole("row", { name: /color/ })).toContainText("string");
  await expect(page.getByText("200 rows")).toBeVisible();
});

asScientist("a malformed CSV shows the parser's error", async ({ page }) => {
  const name = uniqueName("e2e-broken");
  await page.goto("/workspaces/dev/data/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page
    .getByLabel("Choose files")
    .setInputFiles({ name: "broken.csv", mimeType: "text/csv", buffer: Buffer.from("a,b\n1,2\n3\n") });
  await page.getByRole("button", { name: "Create version" }).click();
  await expect(page).toHaveURL(new RegExp(`/data/${name}/versions/1$`));
  await expect(page.getByText("The profile could not be computed")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/Invalid Record Length/)).toBeVisible();
});

asAdmin("share an environment and a data asset to the registry", async ({ page }) => {
  const envName = uniqueName("e2e-shared-env");
  await page.goto("/workspaces/dev/environments/new");
  await page.getByLabel("Name", { exact: true }).fill(envName);
  await page.getByLabel("Base image").fill("node:20");
  await page.getByRole("button", { name: "Create version" }).click();
  await expect(page).toHaveURL(new RegExp(`/environments/${envName}/versions/1$`));
  await page.getByRole("button", { name: "Share to registry" }).click();
  const dialog = page.getByRole("dialog", { name: `Share ${envName}:1 to a registry` });
  await dialog.getByLabel("Reason").fill("Used by every team");
  await dialog.getByRole("button", { name: "Share" }).click();
  await expect(page).toHaveURL(new RegExp(`/registries/shared/environments/${envName}/versions/1$`));
  await expect(page.getByRole("region", { name: "Lineage" })).toContainText(`workspace dev / ${envName}:1`);
  await expect(page.getByRole("region", { name: "Lineage" })).toContainText("Used by every team");

  // The seeded iris data asset, profiled, goes to the registry with its files and profile.
  await page.goto("/workspaces/dev/data/iris/versions/1");
  await expect(page.getByRole("figure", { name: "Histogram of petal_length_cm" })).toBeVisible({ timeout: 30_000 });
  await page.getByRole("button", { name: "Share to registry" }).click();
  const dataDialog = page.getByRole("dialog", { name: "Share iris:1 to a registry" });
  await dataDialog.getByLabel("Name in the registry").fill(uniqueName("iris-e2e"));
  await dataDialog.getByLabel("Reason").fill("Reference data");
  await dataDialog.getByRole("button", { name: "Share" }).click();
  await expect(page).toHaveURL(/\/registries\/shared\/data\/iris-e2e-[0-9a-f]+\/versions\/1$/);
  await expect(page.getByRole("table", { name: "Files" })).toContainText("iris.csv");
  await expect(page.getByRole("figure", { name: "Top values of species" })).toBeVisible();
});
