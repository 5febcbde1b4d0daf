import { expect } from "@playwright/test";
import { ADMIN, SCIENTIST, apiToken, asAdmin, asReviewer, asScientist, registerViaApi, uniqueName } from "./fixtures";

// The reviewer's studio: model cards, lineage that travels to a registry copy.

asScientist(
  "write a model card, see it on the version, and print it; raw HTML never runs",
  async ({ page, request }) => {
    const name = uniqueName("e2e-card");
    const token = await apiToken(request, SCIENTIST);
    expect((await registerViaApi(request, token, "dev", name, { "model.onnx": "bytes" })).status()).toBe(201);
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });

    await page.goto(`/workspaces/dev/models/${name}`);
    await page.getByRole("link", { name: "Model card" }).click();
    await expect(page.getByRole("region", { name: "Model card content" })).toContainText(
      "No model card has been written yet.",
    );
    await page.getByRole("link", { name: "Edit" }).click();
    await page.getByLabel("Risk rating").selectOption("medium");
    await page
      .getByLabel("Intended use (Markdown)")
      .fill("Sorting **iris** flowers.\n\n- triage only\n\n<script>alert('x')</script><img src=x onerror=alert(1)>");
    await page.getByLabel("Limitations (Markdown)").fill("Three species only.");
    await page.getByRole("button", { name: "Save card" }).click();
    const card = page.getByRole("region", { name: "Model card content" });
    await expect(card).toContainText("risk: medium");
    await expect(card.locator("strong")).toHaveText("iris");
    await expect(card.getByRole("listitem")).toHaveText("triage only");
    await expect(card.locator("script, img")).toHaveCount(0);

    // Version 1 says only where it differs: its evaluation; the rest reads through.
    await page.goto(`/workspaces/dev/models/${name}/versions/1/card/edit`);
    await page.getByLabel("Evaluation notes (Markdown)").fill("Accuracy **0.97** on 30 held-out rows.");
    await page.getByRole("button", { name: "Save card" }).click();
    await expect(page).toHaveURL(new RegExp(`/models/${name}/versions/1/card$`));
    const merged = page.getByRole("region", { name: "Model card content" });
    await expect(merged.getByRole("region", { name: "Intended use" })).toContainText("from the model's card");
    await expect(merged.getByRole("region", { name: "Evaluation notes" })).toContainText("Accuracy 0.97");
    await expect(page.getByRole("button", { name: "Print" })).toBeVisible();
    // Printed, the studio's chrome is left out.
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("banner")).toBeHidden();
    await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
    await expect(merged).toBeVisible();
    await page.emulateMedia({ media: "screen" });

    await page.goto(`/workspaces/dev/models/${name}/versions/1`);
    await expect(page.getByRole("region", { name: "Model card content" })).toContainText("Three species only.");
    expect(dialogs).toEqual([]);
  },
);

asReviewer("a reviewer outside dev reads a registry model's lineage, with no link into dev", async ({ page }) => {
  // The seeded registry copy of a job-trained model: iris-sgd is published from dev by the seed.
  await page.goto("/registries/shared/models");
  await page.getByRole("link", { name: "iris-sgd", exact: true }).click();
  await page.getByRole("link", { name: /^Version 1$/ }).click();
  const lineage = page.getByRole("region", { name: "Lineage" });
  await expect(lineage).toContainText("(in workspace dev, which you are not a member of)");
  await expect(lineage.getByRole("table", { name: "Training metrics" })).toContainText("val_accuracy");
  await expect(lineage).toContainText("Code commit");
  await expect(lineage.locator('a[href^="/workspaces/dev/"]')).toHaveCount(0);
});

asReviewer("a reviewer approves a prod deployment from the inbox, and it is created", async ({ page, request }) => {
  const admin = { Authorization: `Bearer ${await apiToken(request, ADMIN)}` };
  const policy = "/api/v1/workspaces/prod/policy";
  expect(
    (
      await request.put(policy, {
        headers: admin,
        data: { requireApproval: { deploy: true }, approvers: ["reviewer@example.com"] },
      })
    ).status(),
  ).toBe(200);
  try {
    const endpoint = uniqueName("e2e-gated");
    expect(
      (await request.post("/api/v1/workspaces/prod/endpoints", { headers: admin, data: { name: endpoint } })).status(),
    ).toBe(201);
    const held = await request.post(`/api/v1/workspaces/prod/endpoints/${endpoint}/deployments`, {
      headers: admin,
      data: { name: "sgd", model: "registries/shared/iris-sgd:1", reason: "Trial in prod" },
    });
    expect(held.status()).toBe(202);
    const { promotion } = await held.json();

    await page.goto("/dashboards/approvals");
    const waiting = page.getByRole("table", { name: "Waiting for you" });
    await waiting
      .getByRole("link", {
        name: new RegExp(`#${promotion.number} Deploy registries/shared/iris-sgd:1 as ${endpoint}/sgd`),
      })
      .click();
    // The evidence: the model's training metrics, captured when the request was made.
    await expect(page.getByRole("table", { name: "Training metrics" })).toContainText("val_accuracy");
    await page.getByLabel("Comment").fill("Metrics hold up.");
    await page.getByRole("button", { name: "Approve" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("approved");
    await expect(page.getByRole("list", { name: "Decisions" })).toContainText("reviewer@example.com approved");
    await expect(page.getByText(`deployment ${endpoint}/sgd`)).toBeVisible();
    await page.goto(`/workspaces/prod/endpoints/${endpoint}`);
    await expect(page.getByRole("table", { name: "Deployments" })).toContainText("registries/shared/iris-sgd:1");
  } finally {
    await request.put(policy, { headers: admin, data: {} });
  }
});

asReviewer(
  "a reviewer goes from the production overview to a prod model's training metrics in one click, then its lineage graph",
  async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/dashboards$/);
    const prod = page.getByRole("table", { name: "Endpoints of prod" });
    await expect(prod).toContainText("iris-prod");
    // Other tests may deploy the same version elsewhere in prod: every such link opens the same version.
    await prod.getByRole("link", { name: "iris-sgd:1" }).first().click();
    await expect(page).toHaveURL(/\/registries\/shared\/models\/iris-sgd\/versions\/1$/);
    const lineage = page.getByRole("region", { name: "Lineage" });
    await expect(lineage.getByRole("table", { name: "Training metrics" })).toContainText("val_accuracy");

    await lineage.getByRole("link", { name: "Lineage graph" }).click();
    const graph = page.getByRole("figure", { name: "Lineage graph" });
    await expect(graph.getByRole("link", { name: "model iris-sgd:1" })).toBeVisible();
    await expect(graph.getByRole("link", { name: "deployment iris-prod / sgd" })).toBeVisible();
    // dev's version (where it was published from) is there, closed to a reviewer who is not a member of dev.
    await expect(graph.getByLabel("model model in workspace dev, not open to you")).toBeVisible();
    await graph.getByRole("link", { name: "deployment iris-prod / sgd" }).click();
    await expect(page).toHaveURL(/\/workspaces\/prod\/endpoints\/iris-prod/);
  },
);

asScientist(
  "a model's leaderboard charts a training metric across versions and compares two side by side",
  async ({ page }) => {
    await page.goto("/workspaces/dev/models/iris-sgd");
    await page.getByRole("link", { name: "Leaderboard" }).click();
    const chart = page.getByTestId("leaderboard-chart");
    const ranking = page.getByRole("table", { name: "Ranking" });
    // The seed registers the three completed iris trainings as versions 1 to 3 (other tests may add more): one
    // bar and one ranked row per version that recorded the metric.
    await expect(ranking.getByRole("link", { name: "Version 3", exact: true })).toBeVisible();
    const versions = (await ranking.getByRole("row").count()) - 1;
    expect(versions).toBeGreaterThanOrEqual(3);
    await expect(chart).toHaveAttribute("data-points", String(versions));
    await expect(chart.locator(".recharts-bar-rectangle")).toHaveCount(versions);
    await expect(page.getByRole("figure", { name: "val_accuracy by version" })).toBeVisible();
    await page.getByLabel("Metric", { exact: true }).selectOption("val_loss");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page.getByRole("figure", { name: "val_loss by version" })).toBeVisible();
    await expect(ranking.getByRole("row")).toHaveCount(versions + 1);
    await ranking.getByLabel("Compare version 1").check();
    await ranking.getByLabel("Compare version 3").check();
    await page.getByRole("button", { name: "Compare selected" }).click();
    const side = page.getByRole("table", { name: "Versions side by side" });
    await expect(side.getByRole("columnheader")).toHaveText(["Field", "Version 1", "Version 3"]);
    await expect(side.getByRole("row").filter({ hasText: /^lr/ })).toContainText("0.05");
    await expect(side).toContainText("val_accuracy");
  },
);

asScientist(
  "the attention dashboard lists the week's failed jobs, and the audit trail exports what it shows",
  async ({ page }) => {
    await page.goto("/dashboards/attention");
    // The seed's failed training (lr=-1) ended with exit code 1 a few hours ago.
    await expect(page.getByRole("table", { name: "Failed jobs" })).toContainText(/failed\s*exit code 1/);
    await page.getByRole("link", { name: "Audit trail" }).click();
    await page.getByLabel("About (kind:name)").fill("model:iris-sgd");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByRole("table", { name: "Activity" })).toContainText("iris-sgd:3");
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^audit-.*\.csv$/);
  },
);

asAdmin(
  "copy a pipeline from dev to prod: the report flags prod's missing data, and the copy keeps what was chosen",
  async ({ page }) => {
    await page.goto("/workspaces/dev/pipelines");
    await page.getByRole("link", { name: "Iris: prepare, train, evaluate, register" }).first().click();
    await page.getByRole("link", { name: "Copy to workspace" }).click();
    await page.getByRole("link", { name: /\(prod\)$/ }).click();
    const refs = page.getByRole("table", { name: "References" });
    await expect(refs.getByRole("row").filter({ hasText: "data iris:1" })).toContainText("missing");
    await expect(refs.getByRole("row").filter({ hasText: "data iris:1" })).toContainText(
      'Workspace prod has no data "iris".',
    );
    const name = uniqueName("e2e prod copy");
    await page.getByLabel("Name in prod").fill(name);
    await page.getByLabel("Use instead of data iris:1").fill("registries/shared/iris-holdout:1");
    await page.getByRole("button", { name: "Copy to prod" }).click();
    await expect(page).toHaveURL(/\/workspaces\/prod\/pipelines\/[^/]+$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  },
);

asScientist(
  "a registry reader's share becomes a request for approval, shown on its page",
  async ({ page, request }) => {
    const name = uniqueName("e2e-ask");
    const token = await apiToken(request, SCIENTIST);
    expect((await registerViaApi(request, token, "dev", name, { "model.onnx": "bytes" })).status()).toBe(201);
    await page.goto(`/workspaces/dev/models/${name}/versions/1`);
    await page.getByRole("button", { name: "Share to registry" }).click();
    const dialog = page.getByRole("dialog", { name: `Share ${name}:1 to a registry` });
    await dialog.getByLabel("Reason").fill("Ready for the test workspace");
    await dialog.getByRole("button", { name: "Share" }).click();
    await expect(page).toHaveURL(/\/registries\/shared\/promotions\/[^/]+$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(
      `Publish workspace dev / ${name}:1 to registry shared`,
    );
    await expect(page.getByRole("heading", { level: 1 })).toContainText("pending");
    await page.getByRole("button", { name: "Cancel request" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("canceled");
  },
);
