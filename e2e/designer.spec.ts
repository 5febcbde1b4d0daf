import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { SCIENTIST, apiToken, asReviewer, asScientist, signedInState, uniqueName } from "./fixtures";
import { GENERATED_COMPONENT, generateGraph } from "@/lib/pipeline/generate-graph";
import type { PipelineGraph, StepNode } from "@/lib/pipeline/types";

// The pipeline designer as a data scientist uses it: components dragged from the palette, ports
// connected by hand, problems fixed from the validation panel, autosave, clone, submit and reuse.

// A wide window, as the designer is used: palette, canvas and properties side by side.
test.use({ viewport: { width: 1600, height: 1000 } });

async function registerComponent(
  request: APIRequestContext,
  token: string,
  name: string,
  displayName: string,
  body: string,
) {
  const res = await request.post("/api/v1/workspaces/dev/components", {
    headers: { authorization: `Bearer ${token}` },
    data: { yaml: `name: ${name}\ndisplay_name: ${displayName}\nversion: 1\ntype: command\n${body}` },
  });
  expect(res.status(), await res.text()).toBe(201);
}

/** Three small components that really run: count to N, double each number, add them up. */
async function registerCounting(request: APIRequestContext, prefix: string) {
  const token = await apiToken(request, SCIENTIST);
  await registerComponent(
    request,
    token,
    `${prefix}_count`,
    `Count ${prefix}`,
    "inputs:\n  upto:\n    type: integer\noutputs:\n  numbers:\n    type: uri_folder\ncommand: seq 1 ${{inputs.upto}} > ${{outputs.numbers}}/n.txt\n",
  );
  await registerComponent(
    request,
    token,
    `${prefix}_double`,
    `Double ${prefix}`,
    "inputs:\n  numbers:\n    type: uri_folder\noutputs:\n  doubled:\n    type: uri_folder\ncommand: awk '{print $1*2}' ${{inputs.numbers}}/n.txt > ${{outputs.doubled}}/n.txt\n",
  );
  await registerComponent(
    request,
    token,
    `${prefix}_total`,
    `Total ${prefix}`,
    "inputs:\n  numbers:\n    type: uri_folder\n  label:\n    type: string\n    default: sum\noutputs:\n  report:\n    type: uri_folder\ncommand: awk -v l=${{inputs.label}} '{s+=$1} END {print l, s}' ${{inputs.numbers}}/n.txt > ${{outputs.report}}/total.txt\n",
  );
  return token;
}

const nodeOf = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

/** Drags a palette entry onto the canvas, `dx`/`dy` from the canvas's top-left corner. */
async function dropComponent(page: Page, displayName: string, dx: number, dy: number) {
  const item = page.getByRole("navigation", { name: "Component palette" }).locator("li", { hasText: displayName });
  await item.dragTo(page.locator(".react-flow__pane"), { targetPosition: { x: dx, y: dy } });
}

/** Presses on one port and lets go on another, as a user draws a connection. */
async function drawEdge(page: Page, from: Locator, to: Locator) {
  await from.hover();
  await page.mouse.down();
  const box = (await to.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
}

async function waitSaved(page: Page) {
  await expect(page.locator("[data-save-status]")).toHaveAttribute("data-save-status", "saved", { timeout: 15_000 });
}

asScientist(
  "build a pipeline from the palette, fix it from the validation panel, reload, clone, submit and submit again",
  async ({ page, request }) => {
    test.setTimeout(180_000);
    const prefix = uniqueName("p").replace(/-/g, "_");
    await registerCounting(request, prefix);
    const name = uniqueName("Counting");

    await page.goto("/workspaces/dev/pipelines");
    await page.getByRole("button", { name: "New pipeline" }).click();
    await page.getByRole("dialog", { name: "New pipeline" }).getByLabel("Name").fill(name);
    await page.getByRole("button", { name: "Create and open" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByText("Drag a component from the palette onto the canvas to start.")).toBeVisible();

    // Three steps, dragged from the palette (searched by the test's own prefix).
    await page.getByLabel("Search components").fill(prefix);
    await dropComponent(page, `Count ${prefix}`, 160, 60);
    await dropComponent(page, `Double ${prefix}`, 160, 260);
    await dropComponent(page, `Total ${prefix}`, 460, 500);
    const count = nodeOf(page, `${prefix}_count`);
    const double = nodeOf(page, `${prefix}_double`);
    const total = nodeOf(page, `${prefix}_total`);
    await expect(count).toBeVisible();
    await expect(double).toBeVisible();
    await expect(total).toBeVisible();

    // A data output cannot feed a string input: refused, with the reason on screen.
    await drawEdge(page, count.getByLabel("Output numbers (uri_folder)"), total.getByLabel("Input label (string)"));
    await expect(page.getByRole("alert").filter({ hasText: "Not connected" })).toContainText(
      "is data and cannot feed a string input",
    );
    await expect(page.locator(".react-flow__edge")).toHaveCount(0);

    // Ports that fit connect.
    await drawEdge(
      page,
      count.getByLabel("Output numbers (uri_folder)"),
      double.getByLabel("Input numbers (uri_folder)"),
    );
    await drawEdge(
      page,
      double.getByLabel("Output doubled (uri_folder)"),
      total.getByLabel("Input numbers (uri_folder)"),
    );
    await expect(page.locator(".react-flow__edge")).toHaveCount(2);

    // The count step still needs `upto`: the validation panel says so, and a click selects that step.
    const validation = page.getByRole("region", { name: "Validation" });
    const missing = validation.getByRole("button", { name: /upto/ });
    await expect(missing).toBeVisible();
    await expect(page.getByRole("button", { name: "Submit" })).toBeDisabled();
    await missing.click();
    await expect(count).toHaveClass(/selected/);
    const properties = page.getByRole("complementary", { name: "Properties" });
    await expect(properties.getByLabel("Step name")).toHaveValue(`${prefix}_count`);
    await properties.getByLabel(/^upto/).selectOption("literal");
    await properties.getByLabel("Value of upto").fill("4");
    await properties.getByLabel("Value of upto").press("Enter");
    await expect(validation).toContainText("Ready to submit");
    await waitSaved(page);

    // A reload finds the draft as it was left.
    await page.reload();
    await expect(page.locator(".react-flow__node")).toHaveCount(3);
    await expect(page.locator(".react-flow__edge")).toHaveCount(2);
    await nodeOf(page, `${prefix}_count`).click();
    await expect(properties.getByLabel("Value of upto")).toHaveValue("4");
    const originalUrl = page.url();

    // Clone it, and change the clone: the original stays as it was.
    await page.getByRole("button", { name: "Pipeline actions" }).click();
    await page.getByRole("menuitem", { name: "Clone" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `${name} (copy)` })).toBeVisible();
    expect(page.url()).not.toBe(originalUrl);
    await expect(page.getByText(`cloned from ${name}`)).toBeVisible();
    await nodeOf(page, `${prefix}_total`).click();
    await page.keyboard.press("Delete");
    await expect(page.locator(".react-flow__node")).toHaveCount(2);
    await waitSaved(page);
    await page.goto("/workspaces/dev/pipelines");
    const table = page.getByRole("table", { name: "Pipelines" });
    const rowOf = (draft: string) =>
      table.getByRole("row").filter({ has: page.getByRole("link", { name: draft, exact: true }) });
    await expect(rowOf(`${name} (copy)`).getByRole("cell").nth(1)).toHaveText("2");
    await expect(rowOf(name).getByRole("cell").nth(1)).toHaveText("3");

    // Submit the original and watch every step turn green.
    await page.goto(originalUrl);
    await page.getByRole("button", { name: "Submit" }).click();
    const dialog = page.getByRole("dialog", { name: "Submit pipeline" });
    await dialog.getByLabel("Display name").fill("first run");
    await dialog.getByRole("button", { name: "Submit" }).click();
    await expect(page).toHaveURL(/\/workspaces\/dev\/jobs\/[a-z0-9-]+$/);
    const statusGraph = page.getByRole("figure", { name: "Pipeline graph with step status" });
    for (const step of ["count", "double", "total"]) {
      await expect(statusGraph.getByRole("link", { name: `Step ${prefix}_${step}: completed` })).toBeVisible({
        timeout: 60_000,
      });
    }

    // Submit again from the designer: every step reuses the first run's outputs.
    await page.goto(originalUrl);
    await page.getByRole("button", { name: "Submit" }).click();
    await page.getByRole("dialog", { name: "Submit pipeline" }).getByRole("button", { name: "Submit" }).click();
    await expect(page).toHaveURL(/\/workspaces\/dev\/jobs\/[a-z0-9-]+$/);
    await expect(page.getByRole("table", { name: "Steps" }).getByText("reused")).toHaveCount(3, { timeout: 60_000 });

    // And the job clones back into a draft.
    await page.getByRole("button", { name: "Clone to draft" }).click();
    await expect(page).toHaveURL(/\/workspaces\/dev\/pipelines\/[A-Za-z0-9_-]+$/);
    await expect(page.getByText(/cloned from job/)).toBeVisible();
    await expect(page.locator(".react-flow__node")).toHaveCount(3);

    // The original's page lists both submits as versions.
    await page.goto(`${originalUrl}/history`);
    await expect(page.getByRole("table", { name: "Versions" }).getByRole("row")).toHaveCount(3);
    await expect(page.getByRole("region", { name: "Lineage" })).toContainText(`${name} (copy)`);
  },
);

asScientist(
  "undo, redo, multi-select delete, auto-layout and a stale second tab",
  async ({ page, browser, request }) => {
    test.setTimeout(120_000);
    const prefix = uniqueName("q").replace(/-/g, "_");
    await registerCounting(request, prefix);
    await page.goto("/workspaces/dev/pipelines");
    await page.getByRole("button", { name: "New pipeline" }).click();
    await page.getByRole("dialog", { name: "New pipeline" }).getByLabel("Name").fill(uniqueName("Tools"));
    await page.getByRole("button", { name: "Create and open" }).click();
    await expect(page.locator(".react-flow")).toBeVisible();

    // The + of a palette entry drops the component in the middle of the view.
    await page.getByLabel("Search components").fill(prefix);
    await page.getByRole("button", { name: `Add Count ${prefix} to the canvas` }).click();
    await page.getByRole("button", { name: `Add Double ${prefix} to the canvas` }).click();
    await expect(page.locator(".react-flow__node")).toHaveCount(2);

    // Undo and redo, by button and by keyboard.
    await page.getByRole("button", { name: "Undo" }).click();
    await expect(page.locator(".react-flow__node")).toHaveCount(1);
    await page.keyboard.press("Control+Shift+z");
    await expect(page.locator(".react-flow__node")).toHaveCount(2);

    // Auto-layout puts the two unconnected steps side by side, then fit view.
    // (The boxes are read until the layout has been drawn: the click only starts it.)
    await page.getByRole("button", { name: "Auto-layout" }).click();
    const boxes = async () => {
      const [a, b] = await Promise.all([
        nodeOf(page, `${prefix}_count`).boundingBox(),
        nodeOf(page, `${prefix}_double`).boundingBox(),
      ]);
      return { rowGap: Math.abs(a!.y - b!.y), apart: Math.abs(a!.x - b!.x) / a!.width };
    };
    await expect.poll(async () => (await boxes()).rowGap).toBeLessThan(2);
    await expect.poll(async () => (await boxes()).apart).toBeGreaterThan(0.9);

    // Select both (shift-click) and delete them with the keyboard; undo brings both back.
    await nodeOf(page, `${prefix}_count`).click();
    await nodeOf(page, `${prefix}_double`).click({ modifiers: ["Shift"] });
    await expect(page.getByRole("complementary", { name: "Properties" })).toContainText("2 nodes selected");
    await page.keyboard.press("Delete");
    await expect(page.locator(".react-flow__node")).toHaveCount(0);
    await page.keyboard.press("Control+z");
    await expect(page.locator(".react-flow__node")).toHaveCount(2);
    await waitSaved(page);

    // A second tab saves first; this tab's next save is refused, not written over the other's.
    const other = await browser.newContext({ storageState: signedInState(SCIENTIST) });
    const second = await other.newPage();
    await second.goto(page.url());
    await expect(second.locator(".react-flow__node")).toHaveCount(2);
    await second.locator(`.react-flow__node[data-id="${prefix}_double"]`).click();
    await second.keyboard.press("Delete");
    await expect(second.locator("[data-save-status]")).toHaveAttribute("data-save-status", "saved", {
      timeout: 15_000,
    });
    await nodeOf(page, `${prefix}_count`).click();
    await page.keyboard.press("Delete");
    await expect(page.getByRole("alert").filter({ hasText: "saved elsewhere" })).toBeVisible({ timeout: 15_000 });
    await expect(page.locator("[data-save-status]")).toHaveAttribute("data-save-status", "conflict");
    // This tab's work is not lost: it becomes a draft of its own (with the double step only).
    const draftUrl = page.url();
    await page.getByRole("button", { name: "Keep mine as a new draft" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /\(my changes\)$/ })).toBeVisible();
    expect(page.url()).not.toBe(draftUrl);
    await expect(page.locator(".react-flow__node")).toHaveCount(1);
    await expect(nodeOf(page, `${prefix}_double`)).toBeVisible();
    // The draft itself holds the other tab's version: the count step, without the double step.
    await page.goto(draftUrl);
    await expect(page.locator(".react-flow__node")).toHaveCount(1);
    await expect(nodeOf(page, `${prefix}_count`)).toBeVisible();

    // Once more the other tab saves first; this time this tab reloads the saved version.
    await second.getByLabel("Search components").fill(prefix);
    await second.getByRole("button", { name: `Add Total ${prefix} to the canvas` }).click();
    await expect(second.locator("[data-save-status]")).toHaveAttribute("data-save-status", "saved", {
      timeout: 15_000,
    });
    await nodeOf(page, `${prefix}_count`).click();
    await page.keyboard.press("Delete");
    await expect(page.locator("[data-save-status]")).toHaveAttribute("data-save-status", "conflict", {
      timeout: 15_000,
    });
    await page.getByRole("button", { name: "Reload the saved version" }).click();
    await expect(page.locator(".react-flow__node")).toHaveCount(2);
    await expect(nodeOf(page, `${prefix}_total`)).toBeVisible();
    await other.close();
  },
);

asReviewer("a reviewer sees a pipeline read-only", async ({ page, request }) => {
  const token = await apiToken(request, SCIENTIST);
  const created = await request.post("/api/v1/workspaces/test/pipelines", {
    headers: { authorization: `Bearer ${token}` },
    data: { name: uniqueName("Read only") },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  await page.goto(`/workspaces/test/pipelines/${id}`);
  await expect(page.getByText("Read only", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Submit" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "New pipeline" })).toHaveCount(0);
  await expect(page.locator(".react-flow")).toBeVisible();
  await expect(page.getByRole("button", { name: "Auto-layout" })).toBeDisabled();
});

asScientist(
  "import a pipeline from a zip: missing files are named and nothing is written, a complete one opens in the designer",
  async ({ page }) => {
    const { strToU8, zipSync } = await import("fflate");
    const name = uniqueName("imported").replace(/-/g, "_");
    const component = `name: ${name}\nversion: 1\ntype: command\ninputs:\n  n:\n    type: integer\n    default: 2\noutputs:\n  out:\n    type: uri_folder\ncode: ./src\ncommand: python hello.py \${{inputs.n}} \${{outputs.out}}\n`;
    const pipeline = (withMissing: boolean) =>
      `type: pipeline\ndisplay_name: ${name}\ninputs:\n  n: 3\njobs:\n  hello:\n    type: command\n    component: ./component.yml\n    inputs:\n      n: \${{parent.inputs.n}}\n${withMissing ? "  other:\n    type: command\n    component: ./missing.yml\n" : ""}`;
    const zip = (withMissing: boolean) =>
      Buffer.from(
        zipSync({
          "p/pipeline.yml": strToU8(pipeline(withMissing)),
          "p/component.yml": strToU8(component),
          "p/src/hello.py": strToU8("print('hello')\n"),
        }),
      );

    await page.goto("/workspaces/dev/pipelines");
    await page.getByRole("link", { name: "Import YAML" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Import a pipeline" })).toBeVisible();
    await page.getByRole("button", { name: "Import" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Nothing was imported" })).toContainText(
      "Choose the pipeline's folder",
    );

    await page
      .getByLabel("Choose pipeline files")
      .setInputFiles({ name: "pipeline.zip", mimeType: "application/zip", buffer: zip(true) });
    await page.getByRole("button", { name: "Import" }).click();
    const refused = page.getByRole("alert").filter({ hasText: "Nothing was imported" });
    await expect(refused).toContainText("missing.yml (used by other)");
    await page.goto("/workspaces/dev/components");
    await expect(page.getByRole("main")).not.toContainText(name);

    await page.goto("/workspaces/dev/pipelines/import");
    await page
      .getByLabel("Choose pipeline files")
      .setInputFiles({ name: "pipeline.zip", mimeType: "application/zip", buffer: zip(false) });
    await page.getByRole("button", { name: "Import" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.locator(".react-flow__node")).toHaveCount(2);
    await expect(page.getByRole("region", { name: "Validation" })).toContainText("Ready to submit");
  },
);

/** A draft made through the API from `graph`; answers the designer's address. */
async function draftOf(request: APIRequestContext, name: string, graph: PipelineGraph): Promise<string> {
  const token = await apiToken(request, SCIENTIST);
  const created = await request.post("/api/v1/workspaces/dev/pipelines", {
    headers: { authorization: `Bearer ${token}` },
    data: { name: uniqueName(name), graph },
  });
  expect(created.status(), await created.text()).toBe(201);
  return `/workspaces/dev/pipelines/${((await created.json()) as { id: string }).id}`;
}

/** The canvas's zoom (the scale of React Flow's viewport). */
const zoomOf = (page: Page) =>
  page.locator(".react-flow__viewport").evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);

/** The smallest text on the mounted nodes as it appears on screen: its font size times the zoom. */
const smallestNodeText = (page: Page) =>
  page.evaluate(() => {
    const viewport = document.querySelector(".react-flow__viewport")!;
    const zoom = new DOMMatrix(getComputedStyle(viewport).transform).a;
    let smallest = Infinity;
    let texts = 0;
    for (const el of document.querySelectorAll<HTMLElement>(".react-flow__node *")) {
      if (![...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())) continue;
      texts++;
      smallest = Math.min(smallest, parseFloat(getComputedStyle(el).fontSize) * zoom);
    }
    return { smallest, texts };
  });

asScientist(
  "node text stays readable (11 px or more on screen) after auto-layout and fit view",
  async ({ page, request }) => {
    // 56 steps in layers, far wider than the canvas once laid out.
    const url = await draftOf(request, "Readable", generateGraph({ nodes: 60, edges: 70, seed: 11 }));
    await page.goto(url);
    await expect(page.locator(".react-flow__node").first()).toBeVisible();
    expect((await smallestNodeText(page)).smallest).toBeGreaterThanOrEqual(11);

    await page.getByRole("button", { name: "Auto-layout" }).click();
    // Fit view runs after the layout and animates: the zoom settles below 100% (the graph does not fit).
    await expect.poll(() => zoomOf(page)).toBeLessThan(0.99);
    await page.waitForTimeout(400);
    const afterLayout = await smallestNodeText(page);
    expect(afterLayout.texts).toBeGreaterThan(10);
    expect(afterLayout.smallest).toBeGreaterThanOrEqual(11);

    // Zoomed out by hand, then fitted again: back to a readable size.
    const zoomOut = page.getByRole("button", { name: "Zoom Out" });
    for (let i = 0; i < 4; i++) await zoomOut.click();
    await expect.poll(() => zoomOf(page)).toBeLessThan(0.6);
    await page.getByRole("button", { name: "Fit view", exact: true }).click();
    await expect.poll(() => zoomOf(page)).toBeGreaterThan(0.9);
    await page.waitForTimeout(400);
    expect((await smallestNodeText(page)).smallest).toBeGreaterThanOrEqual(11);
    // The canvas controls' own fit button fits the same way.
    for (let i = 0; i < 4; i++) await zoomOut.click();
    await page.getByRole("button", { name: "Fit View", exact: true }).click();
    await expect.poll(() => zoomOf(page)).toBeGreaterThan(0.9);
    await page.waitForTimeout(400);
    expect((await smallestNodeText(page)).smallest).toBeGreaterThanOrEqual(11);
  },
);

asScientist("ports that fit light up while a connection is drawn; the others do not", async ({ page, request }) => {
  const at = (x: number, y: number) => ({ x, y });
  const stepAt = (id: string, position: { x: number; y: number }): StepNode => ({
    kind: "step",
    id,
    position,
    component: GENERATED_COMPONENT,
    bindings: {},
  });
  const url = await draftOf(request, "Ports", {
    nodes: [stepAt("first", at(0, 0)), stepAt("second", at(0, 260))],
    edges: [],
    settings: {},
  });
  await page.goto(url);
  const first = nodeOf(page, "first");
  const second = nodeOf(page, "second");
  const handle = (node: Locator, label: string) => node.getByLabel(label, { exact: true });
  await expect(handle(second, "Input data (uri_folder)")).not.toHaveAttribute("data-compatible", /.*/);

  // Press on an output and move towards the other step, without letting go yet.
  await handle(first, "Output result (uri_folder)").hover();
  await page.mouse.down();
  const box = (await second.boundingBox())!;
  await page.mouse.move(box.x + box.width + 60, box.y - 40, { steps: 6 });
  // A folder output fits the other step's folder inputs...
  for (const label of ["Input data (uri_folder)", "Input extra_1 (uri_folder)"]) {
    await expect(handle(second, label)).toHaveAttribute("data-compatible", "true");
    await expect(handle(second, label)).toHaveClass(/is-compatible/);
  }
  // ...not its integer or number inputs, nor any input of its own step (it would feed itself).
  for (const label of ["Input epochs (integer)", "Input learning_rate (number)"]) {
    await expect(handle(second, label)).toHaveAttribute("data-compatible", "false");
    await expect(handle(second, label)).not.toHaveClass(/is-compatible/);
  }
  await expect(handle(first, "Input data (uri_folder)")).toHaveAttribute("data-compatible", "false");
  // The lit port is visibly different from an unlit one.
  const colour = (label: string) => handle(second, label).evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(await colour("Input data (uri_folder)")).not.toBe(await colour("Input epochs (integer)"));

  // Dropped on a lit port, it connects; the highlight goes away.
  const target = (await handle(second, "Input data (uri_folder)").boundingBox())!;
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect(page.locator(".react-flow__edge")).toHaveCount(1);
  await expect(handle(second, "Input extra_1 (uri_folder)")).not.toHaveAttribute("data-compatible", /.*/);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  asScientist(
    "the designer opens read-only: a note says why, nothing can be edited, the graph can be panned",
    async ({ page, request }) => {
      const url = await draftOf(request, "Phone", generateGraph({ nodes: 8, edges: 8, seed: 2 }));
      await page.goto(url);
      await expect(page.getByRole("note")).toContainText("Editing needs a wider screen");
      await expect(page.getByText("Read only", { exact: true })).toBeVisible();
      await expect(page.getByRole("button", { name: "Submit" })).toHaveCount(0);
      // The editing tools and the palette are left out; fit view stays.
      for (const tool of ["Undo", "Redo", "Auto-layout"])
        await expect(page.getByRole("button", { name: tool })).toBeHidden();
      await expect(page.getByRole("button", { name: "Fit view", exact: true })).toBeVisible();
      await expect(page.getByRole("navigation", { name: "Component palette" })).toBeHidden();
      // Nothing on the page scrolls sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

      // A step in view (its middle on the canvas) opens in the properties panel, its fields disabled.
      await expect(page.locator(".react-flow__node").first()).toBeVisible();
      const inView = await page.locator(".react-flow").evaluate((flow) => {
        const canvas = flow.getBoundingClientRect();
        for (const el of flow.querySelectorAll<HTMLElement>(".react-flow__node-step")) {
          const box = el.getBoundingClientRect();
          const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
          const isInside = x > canvas.left && x < canvas.right && y > canvas.top && y < canvas.bottom;
          if (isInside && document.elementFromPoint(x, y)?.closest(".react-flow__node") === el) return el.dataset.id;
        }
        return null;
      });
      expect(inView).not.toBeNull();
      const node = nodeOf(page, inView!);
      await node.click();
      await expect(page.getByRole("complementary", { name: "Properties" }).getByLabel("Step name")).toBeDisabled();

      // Dragging pans the view; the step itself stays where it is in the graph.
      const placeOf = () => node.evaluate((el) => el.style.transform);
      const place = await placeOf();
      const viewportBefore = await page.locator(".react-flow__viewport").evaluate((el) => el.style.transform);
      const box = (await node.boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2 - 80, box.y + box.height / 2 - 60, { steps: 6 });
      await page.mouse.up();
      await expect
        .poll(() => page.locator(".react-flow__viewport").evaluate((el) => el.style.transform))
        .not.toBe(viewportBefore);
      expect(await placeOf()).toBe(place);
      await expect(page.locator("[data-save-status]")).toHaveCount(0);
    },
  );
});
