import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { expect, type Page } from "@playwright/test";
import {
  ADMIN,
  REVIEWER,
  SCIENTIST,
  apiToken,
  asAdmin,
  asReviewer,
  asScientist,
  deployViaApi,
  registerViaApi,
  uniqueName,
} from "./fixtures";

async function registerThroughUi(
  page: Page,
  name: string,
  files: { name: string; content: string }[],
  tag?: [string, string],
) {
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Description").fill("Registered from the browser by the end-to-end test.");
  if (tag) {
    await page.getByRole("button", { name: "Add tag" }).click();
    await page.getByLabel("Tags 1 name").fill(tag[0]);
    await page.getByLabel("Tags 1 value").fill(tag[1]);
  }
  await page
    .getByLabel("Choose files")
    .setInputFiles(
      files.map((f) => ({ name: f.name, mimeType: "application/octet-stream", buffer: Buffer.from(f.content) })),
    );
  await expect(page.getByRole("list", { name: "Selected files" })).toContainText(files[0].name);
  await page.getByRole("button", { name: "Register", exact: true }).click();
}

asScientist("register a model with two files, then a second version", async ({ page }) => {
  const name = uniqueName("e2e-model");
  await page.goto("/workspaces/dev/models");
  await page.getByRole("link", { name: "Register model" }).click();
  await registerThroughUi(
    page,
    name,
    [
      { name: "model.bin", content: "weights-v1" },
      { name: "config.json", content: '{"layers": 3}' },
    ],
    ["team", "e2e"],
  );

  await expect(page).toHaveURL(new RegExp(`/workspaces/dev/models/${name}/versions/1$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("version 1");
  const files = page.getByRole("table", { name: "Files" });
  await expect(files.getByRole("row")).toHaveCount(3);
  await expect(files).toContainText("model.bin");
  await expect(files).toContainText("config.json");
  await expect(page.getByRole("list", { name: "Tags" })).toContainText("e2e");

  await page.getByRole("link", { name, exact: true }).click();
  await page.getByRole("link", { name: "Register new version" }).click();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(name);
  await registerThroughUi(page, name, [{ name: "model.bin", content: "weights-v2" }]);
  await expect(page).toHaveURL(new RegExp(`/workspaces/dev/models/${name}/versions/2$`));
  await expect(page.getByText("latest", { exact: true })).toBeVisible();

  await page.getByRole("link", { name, exact: true }).click();
  const versions = page.getByRole("table", { name: "Versions" });
  await expect(versions.getByRole("link", { name: "Version 2" })).toBeVisible();
  await expect(versions.getByRole("link", { name: "Version 1" })).toBeVisible();
});

asScientist(
  "register a whole folder, keeping its structure, with a source job as lineage",
  async ({ page }, testInfo) => {
    const folder = testInfo.outputPath("mlflow-model");
    mkdirSync(join(folder, "model"), { recursive: true });
    writeFileSync(join(folder, "MLmodel"), "flavors: {}\n");
    writeFileSync(join(folder, "model", "weights.bin"), "weights");
    const name = uniqueName("e2e-folder");
    await page.goto("/workspaces/dev/models/new");
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Type").selectOption({ label: "MLflow" });
    await page.getByLabel("Source job (optional)").fill("job-42");
    await page.getByLabel("Choose a folder").setInputFiles(folder);
    const selected = page.getByRole("list", { name: "Selected files" });
    await expect(selected).toContainText("mlflow-model/model/weights.bin");
    await expect(selected).toContainText("mlflow-model/MLmodel");
    await page.getByRole("button", { name: "Register", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/models/${name}/versions/1$`));
    const files = page.getByRole("table", { name: "Files" });
    await expect(files).toContainText("mlflow-model/MLmodel");
    await expect(files).toContainText("mlflow-model/model/weights.bin");
    await expect(page.getByRole("region", { name: "Lineage" })).toContainText("job-42");
  },
);

asScientist("filter models by tags: a match, no match, and a malformed filter", async ({ page, request }) => {
  const team = uniqueName("team");
  const name = uniqueName("e2e-tagged");
  const token = await apiToken(request, SCIENTIST);
  expect(
    (await registerViaApi(request, token, "dev", name, { "m.bin": "x" }, { team, stage: "candidate" })).status(),
  ).toBe(201);

  await page.goto("/workspaces/dev/models");
  const filter = page.getByLabel("Filter by tags");

  await filter.fill(`team=${team},stage=candidate`);
  await page.getByRole("button", { name: "Apply" }).click();
  const table = page.getByRole("table", { name: "Models" });
  await expect(table.getByRole("link", { name, exact: true })).toBeVisible();
  await expect(table.getByRole("row")).toHaveCount(2);

  await filter.fill(`team=${team},stage=production`);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("No model matches these filters")).toBeVisible();

  await filter.fill("team =vision");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("The filter could not be applied")).toBeVisible();
  await expect(page.getByText("no spaces around '='")).toBeVisible();
  await expect(page.getByRole("table", { name: "Models" })).toHaveCount(0);
});

asScientist("download one file and all files as a zip", async ({ page, request }) => {
  const name = uniqueName("e2e-download");
  const token = await apiToken(request, SCIENTIST);
  expect(
    (
      await registerViaApi(request, token, "dev", name, {
        "weights/model.bin": "binary-weights",
        "README.md": "# readme",
      })
    ).status(),
  ).toBe(201);
  await page.goto(`/workspaces/dev/models/${name}/versions/1`);

  const [one] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download weights/model.bin" }).click(),
  ]);
  expect(one.suggestedFilename()).toBe("model.bin");
  expect(readFileSync(await one.path()).toString()).toBe("binary-weights");

  const [all] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download all" }).click(),
  ]);
  expect(all.suggestedFilename()).toBe(`${name}-1.zip`);
  const entries = unzipSync(readFileSync(await all.path()));
  expect(Object.keys(entries).sort()).toEqual(["README.md", "weights/model.bin"]);
  expect(Buffer.from(entries["weights/model.bin"]).toString()).toBe("binary-weights");
});

asScientist(
  "edit tags and the description, and see the changes in the version's activity",
  async ({ page, request }) => {
    const name = uniqueName("e2e-edit");
    const token = await apiToken(request, SCIENTIST);
    expect((await registerViaApi(request, token, "dev", name, { "m.bin": "x" }, { team: "old" })).status()).toBe(201);
    await page.goto(`/workspaces/dev/models/${name}/versions/1`);

    await page.getByRole("button", { name: "Edit tags" }).click();
    await page.getByLabel("Tags 1 value").fill("new");
    await page.getByRole("button", { name: "Add tag" }).click();
    await page.getByLabel("Tags 2 name").fill("reviewed");
    await page.getByLabel("Tags 2 value").fill("yes");
    await page.getByRole("button", { name: "Save tags" }).click();
    const tags = page.getByRole("list", { name: "Tags" });
    await expect(tags).toContainText("new");
    await expect(tags).toContainText("reviewed");

    await page.getByRole("button", { name: "Edit tags" }).click();
    await page.getByRole("button", { name: "Remove tags reviewed" }).click();
    await page.getByRole("button", { name: "Save tags" }).click();
    await expect(page.getByRole("list", { name: "Tags" })).not.toContainText("reviewed");

    await page.getByRole("button", { name: "Edit description" }).click();
    await page.getByRole("textbox", { name: "Description" }).fill("Edited in the browser.");
    await page.getByRole("button", { name: "Save description" }).click();
    await expect(page.getByText("Edited in the browser.")).toBeVisible();

    const activity = page.getByRole("table", { name: "Version activity" });
    await expect(activity.getByText("edited tags of")).toHaveCount(2);
    await expect(activity).toContainText("changed team");
    await expect(activity).toContainText("removed reviewed");
    await expect(activity).toContainText("edited description of");
    await expect(activity).toContainText("registered model version");
  },
);

asAdmin("share a version to the registry, keeping where it came from", async ({ page, request }) => {
  const name = uniqueName("e2e-share");
  const token = await apiToken(request, ADMIN);
  expect(
    (await registerViaApi(request, token, "dev", name, { "model.onnx": "onnx-bytes" }, { team: "share" })).status(),
  ).toBe(201);
  await page.goto(`/workspaces/dev/models/${name}/versions/1`);
  await page.getByRole("button", { name: "Share to registry" }).click();
  const dialog = page.getByRole("dialog", { name: `Share ${name}:1 to a registry` });
  await dialog.getByLabel("Reason").fill("Passed validation in dev");
  await dialog.getByRole("button", { name: "Share" }).click();

  await expect(page).toHaveURL(new RegExp(`/registries/shared/models/${name}/versions/1$`));
  const lineage = page.getByRole("region", { name: "Lineage" });
  await expect(lineage).toContainText(`workspace dev / ${name}:1`);
  await expect(lineage).toContainText("Passed validation in dev");
  await expect(page.getByRole("table", { name: "Files" })).toContainText("model.onnx");

  // Registry members see it from their workspace too.
  await page.goto("/workspaces/dev/models?registry=shared");
  await expect(page.getByRole("table", { name: "Models" }).getByRole("link", { name, exact: true })).toBeVisible();

  await page.goto(`/workspaces/dev/models/${name}/versions/1`);
  await expect(page.getByRole("region", { name: "Lineage" })).toContainText(`registry shared / ${name}:1`);
});

asScientist(
  "deleting a deployed version is refused and names the deployment; an undeployed one is deleted",
  async ({ page, request }) => {
    const name = uniqueName("e2e-deployed");
    const token = await apiToken(request, SCIENTIST);
    const res = await registerViaApi(request, token, "dev", name, { "m.bin": "x" });
    expect(res.status()).toBe(201);
    const endpoint = uniqueName("ep");
    await deployViaApi(request, token, "dev", endpoint, "blue", `${name}:1`);
    expect((await registerViaApi(request, token, "dev", name, { "m.bin": "y" })).status()).toBe(201);

    await page.goto(`/workspaces/dev/models/${name}/versions/1`);
    await expect(
      page.getByRole("region", { name: "Deployments" }).getByRole("link", { name: endpoint }),
    ).toHaveAttribute("href", `/workspaces/dev/endpoints/${endpoint}`);
    await page.getByRole("button", { name: "Delete" }).click();
    const dialog = page.getByRole("dialog", { name: `Delete ${name}:1?` });
    await dialog.getByRole("button", { name: "Delete version" }).click();
    await expect(dialog.getByText(`deployment "blue" of endpoint "${endpoint}"`)).toBeVisible();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("version 1");

    await page.goto(`/workspaces/dev/models/${name}/versions/2`);
    await page.getByRole("button", { name: "Delete" }).click();
    await page
      .getByRole("dialog", { name: `Delete ${name}:2?` })
      .getByRole("button", { name: "Delete version" })
      .click();
    await expect(page).toHaveURL(/\/workspaces\/dev\/models$/);
    const gone = await page.goto(`/workspaces/dev/models/${name}/versions/2`);
    expect(gone?.status()).toBe(404);
  },
);

asScientist("archive and restore a version", async ({ page, request }) => {
  const name = uniqueName("e2e-archive");
  const token = await apiToken(request, SCIENTIST);
  expect((await registerViaApi(request, token, "dev", name, { "m.bin": "x" })).status()).toBe(201);
  await page.goto(`/workspaces/dev/models/${name}/versions/1`);
  await page.getByRole("button", { name: "Archive" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("archived");
  await page.goto(`/workspaces/dev/models?q=${name}`);
  await expect(page.getByText("No model matches these filters")).toBeVisible();
  await page.goto(`/workspaces/dev/models?q=${name}&archived=include`);
  await expect(page.getByRole("table", { name: "Models" }).getByRole("link", { name, exact: true })).toBeVisible();
  await page.goto(`/workspaces/dev/models/${name}/versions/1`);
  await page.getByRole("button", { name: "Restore" }).click();
  await expect(page.getByRole("heading", { level: 1 })).not.toContainText("archived");
});

asReviewer("a reader sees no register button and the API refuses them with 403", async ({ page, request }) => {
  await page.goto("/workspaces/test/models");
  await expect(page.getByRole("heading", { name: "Models" })).toBeVisible();
  await expect(page.getByRole("link", { name: "iris-classifier", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Register model" })).toHaveCount(0);
  await page.getByRole("table", { name: "Models" }).getByRole("link", { name: "iris-classifier version 1" }).click();
  await expect(page).toHaveURL(/\/workspaces\/test\/models\/iris-classifier\/versions\/1$/);
  await expect(page.getByRole("button", { name: "Edit tags" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete" })).toHaveCount(0);

  const token = await apiToken(request, REVIEWER);
  const res = await registerViaApi(request, token, "test", uniqueName("e2e-refused"), { "m.bin": "x" });
  expect(res.status()).toBe(403);
  expect((await res.json()).error.code).toBe("forbidden");
});
