import { expect, type APIRequestContext } from "@playwright/test";
import { SCIENTIST, apiToken, asScientist, uniqueName } from "./fixtures";

async function registerComponent(request: APIRequestContext, token: string, name: string, body: string) {
  const res = await request.post("/api/v1/workspaces/dev/components", {
    headers: { authorization: `Bearer ${token}` },
    data: { yaml: `name: ${name}\nversion: 1\ntype: command\n${body}` },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as {
    version: number;
    spec: { displayName: string; inputs: unknown[]; outputs: unknown[] };
  };
}

asScientist(
  "a submitted pipeline's steps turn green on its page, a re-submit reuses them, and the job clones back into a draft",
  async ({ page, request }) => {
    const token = await apiToken(request, SCIENTIST);
    const make = uniqueName("make");
    const shout = uniqueName("shout");
    const a = await registerComponent(
      request,
      token,
      make,
      "outputs:\n  out:\n    type: uri_folder\ncommand: sleep 1; echo hello > ${{outputs.out}}/word.txt\n",
    );
    const b = await registerComponent(
      request,
      token,
      shout,
      "inputs:\n  word:\n    type: uri_folder\noutputs:\n  loud:\n    type: uri_folder\ncommand: tr a-z A-Z < ${{inputs.word}}/word.txt > ${{outputs.loud}}/word.txt\n",
    );
    const ref = (name: string, c: typeof a) => ({
      scopeKind: "workspace",
      scopeName: "dev",
      name,
      version: c.version,
      displayName: c.spec.displayName,
      inputs: c.spec.inputs,
      outputs: c.spec.outputs,
      isDeterministic: true,
    });
    const graph = {
      nodes: [
        { kind: "step", id: "make", position: { x: 0, y: 0 }, component: ref(make, a), bindings: {} },
        { kind: "step", id: "shout", position: { x: 0, y: 160 }, component: ref(shout, b), bindings: {} },
        { kind: "output", id: "output:result", position: { x: 0, y: 320 }, name: "result", type: "uri_folder" },
      ],
      edges: [
        { id: "e:make.out->shout.word", source: "make", sourcePort: "out", target: "shout", targetPort: "word" },
        {
          id: "e:shout.loud->output:result.value",
          source: "shout",
          sourcePort: "loud",
          target: "output:result",
          targetPort: "value",
        },
      ],
      settings: {},
    };
    const draft = await request.post("/api/v1/workspaces/dev/pipelines", {
      headers: { authorization: `Bearer ${token}` },
      data: { name: uniqueName("E2E pipeline"), graph },
    });
    const { id } = (await draft.json()) as { id: string };
    const submitted = await request.post(`/api/v1/workspaces/dev/pipelines/${id}/submit`, {
      headers: { authorization: `Bearer ${token}` },
      data: {},
    });
    expect(submitted.status()).toBe(201);
    const job = (await submitted.json()) as { name: string };

    await page.goto(`/workspaces/dev/jobs/${job.name}`);
    const graphView = page.getByRole("figure", { name: "Pipeline graph with step status" });
    await expect(graphView).toBeVisible();
    // Every step turns green, live, without a reload.
    await expect(graphView.getByRole("link", { name: "Step make: completed" })).toBeVisible({ timeout: 60_000 });
    await expect(graphView.getByRole("link", { name: "Step shout: completed" })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole("heading", { level: 1 })).toContainText(/completed/i);
    await page.getByRole("link", { name: "Outputs" }).click();
    await expect(page.getByRole("main")).toContainText("word.txt");

    // Run the same graph again: both steps take the earlier outputs.
    await page.getByRole("link", { name: "Overview" }).click();
    await page.getByRole("button", { name: "Re-submit" }).click();
    await expect(page).not.toHaveURL(new RegExp(`/jobs/${job.name}$`));
    await expect(
      page
        .getByRole("figure", { name: "Pipeline graph with step status" })
        .getByRole("link", { name: "Step shout: reused" }),
    ).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole("table", { name: "Steps" }).getByText("reused")).toHaveCount(2);

    // Clone the job back into a draft: the designer opens it.
    await page.getByRole("button", { name: "Clone to draft" }).click();
    await expect(page).toHaveURL(/\/workspaces\/dev\/pipelines\/[A-Za-z0-9_-]+$/);
    const clone = await request.get(`/api/v1/workspaces/dev/pipelines/${page.url().split("/").pop()}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await clone.json()) as { clonedFromJob: string | null }).clonedFromJob).not.toBeNull();
  },
);
