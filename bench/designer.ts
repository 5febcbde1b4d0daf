// bench/designer: the pipeline designer in Chromium with a 500-node, 600-edge pipeline against a
// 50-node, 60-edge one. A node is dragged (mouse events in the page) and each move is timed from the
// event until the node has moved on the page and is laid out: d3's drag handler, the graph edit, React's
// render and the layout the browser needs to show it. Goal: the 500-node p95 at most 1.5× the 50-node
// p95, and only the dragged node and its own edges render again. The designer is opened on the dragged
// step at 100%, as one edits; the same drag with the whole graph in view (zoomed out by hand, past the
// readable zoom that fit view stops at) is measured too and reported beside it. Also: validation and
// ordering of a 5,000-node graph (lib/pipeline validate + order) under 50 ms.
//   npm run bench -- designer [--moves 120] [--runs 5]
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { chromium, type Page } from "@playwright/test";
import { BENCH_EMAIL, BENCH_PASSWORD, freshStudioData, percentile, round, startBenchStudio } from "./lib/support";

const { values } = parseArgs({
  options: { moves: { type: "string", default: "120" }, runs: { type: "string", default: "5" } },
});
const MOVES = Number(values.moves);
const RUNS = Number(values.runs);

type DragResult = { times: number[]; renders: Record<string, number> };

// The drag, run in the page. Kept as plain JavaScript text: tsx would add helpers to a compiled function
// that the page does not have.
const DRAG_IN_PAGE = `async ({ id, moves }) => {
  const el = document.querySelector('.react-flow__node[data-id="' + CSS.escape(id) + '"]');
  const box = el.getBoundingClientRect();
  let x = box.left + box.width / 2;
  let y = box.top + box.height / 2;
  const fire = (target, type) =>
    target.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, view: window, clientX: x, clientY: y, button: 0, buttons: type === "mouseup" ? 0 : 1 }));
  // Every task queued by the move (React's render, the store's listeners) has run when this message arrives.
  const settle = () => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  fire(el, "mousedown");
  await settle();
  // The drag starts, and its code paths warm up (the first moves run before the JIT has compiled them).
  for (let i = 0; i < 60; i++) {
    x += i < 30 ? 2 : -2;
    fire(document, "mousemove");
    await settle();
    await nextFrame();
  }
  const probe = {};
  window.__designerRenders = probe;
  const times = [];
  for (let i = 0; i < moves; i++) {
    // Back and forth over 90 px, inside the view (a drag to the edge pans the view, which is another measure).
    x += Math.floor(i / 30) % 2 ? -3 : 3;
    y += i % 2 ? 2 : -2;
    // Timed from the event until the dragged node has moved on the page and the layout is done, however
    // React schedules its render (in the event's own task, or in a task after it).
    const placed = el.style.transform;
    const start = performance.now();
    fire(document, "mousemove");
    await settle();
    for (let wait = 0; wait < 200 && el.style.transform === placed; wait++) await settle();
    if (el.style.transform === placed) throw new Error("the dragged node did not move");
    void el.getBoundingClientRect(); // the layout this move needs
    times.push(performance.now() - start);
    // The next move starts in a task of its own, after a frame is drawn (not inside the frame's callbacks).
    await nextFrame();
    await settle();
  }
  delete window.__designerRenders;
  fire(document, "mouseup");
  await settle();
  return { times, renders: probe };
}`;

// Resolves once the page has drawn 20 frames in a row quickly (loading, measuring and the first layout done).
const SETTLED_IN_PAGE = `new Promise((resolve) => {
  let last = performance.now();
  let calm = 0;
  const started = last;
  const tick = (now) => {
    calm = now - last < 20 ? calm + 1 : 0;
    last = now;
    if (calm >= 20 || now - started > 10000) resolve();
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})`;

const TWO_FRAMES_IN_PAGE = `new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())))`;

/** Drags node `id` by `moves` small steps; answers each move's time and what rendered meanwhile. */
async function dragNode(page: Page, id: string, moves: number): Promise<DragResult> {
  return (await page.evaluate(`(${DRAG_IN_PAGE})(${JSON.stringify({ id, moves })})`)) as DragResult;
}

async function main() {
  const { generateGraph } = await import("@/lib/pipeline/generate-graph");
  const { validateGraph } = await import("@/lib/pipeline/validate");
  const { topologicalOrder } = await import("@/lib/pipeline/order");

  // Validation and ordering of 5,000 nodes, in this process (the same functions the designer and submit run).
  const big = generateGraph({ nodes: 5000, edges: 6000, seed: 5 });
  const validateSamples: number[] = [];
  for (let i = 0; i < 30; i++) {
    const start = performance.now();
    const issues = validateGraph(big);
    const order = topologicalOrder(big);
    validateSamples.push(performance.now() - start);
    if (issues.length || !order.ok) throw new Error("the generated 5,000-node graph should be valid");
  }
  const validateMs = percentile(validateSamples.slice(5), 50);
  console.error(
    `validate + order, 5,000 nodes / ${big.edges.length} edges: p50 ${validateMs.toFixed(1)} ms, p95 ${percentile(validateSamples.slice(5), 95).toFixed(1)} ms`,
  );

  const dataDir = await freshStudioData("designer");
  const studio = await startBenchStudio(dataDir);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const headers = { authorization: `Bearer ${studio.token}`, "content-type": "application/json" };
    const sizes = [
      { nodes: 50, edges: 60 },
      { nodes: 500, edges: 600 },
    ];
    const drafts: Record<number, { id: string; dragged: string; edgesOfDragged: string[] }> = {};
    for (const size of sizes) {
      const graph = generateGraph({ nodes: size.nodes, edges: size.edges, seed: 7 });
      const res = await fetch(`${studio.url}/api/v1/workspaces/bench/pipelines`, {
        method: "POST",
        headers,
        body: JSON.stringify({ name: `bench ${size.nodes}`, graph }),
      });
      if (res.status !== 201) throw new Error(`creating the draft answered ${res.status}: ${await res.text()}`);
      // The step with the most edges in the middle of the graph.
      const steps = graph.nodes.filter((n) => n.kind === "step");
      const degree = (id: string) => graph.edges.filter((e) => e.source === id || e.target === id).length;
      const middle = steps.slice(Math.floor(steps.length / 3), Math.ceil((2 * steps.length) / 3));
      const dragged = middle.reduce((best, n) => (degree(n.id) > degree(best.id) ? n : best), middle[0]).id;
      drafts[size.nodes] = {
        id: ((await res.json()) as { id: string }).id,
        dragged,
        edgesOfDragged: graph.edges.filter((e) => e.source === dragged || e.target === dragged).map((e) => e.id),
      };
      console.error(
        `draft of ${graph.nodes.length} nodes and ${graph.edges.length} edges; dragging ${dragged} (${degree(dragged)} edges)`,
      );
    }

    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, baseURL: studio.url });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.getByLabel("E-mail").fill(BENCH_EMAIL);
    await page.getByLabel("Password").fill(BENCH_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));

    const samples: Record<number, number[]> = { 50: [], 500: [] };
    const strayRenders: Record<number, string[]> = { 50: [], 500: [] };
    const draggedRenders: Record<number, number> = { 50: 0, 500: 0 };
    for (let run = 0; run < RUNS; run++) {
      for (const size of sizes) {
        const draft = drafts[size.nodes];
        // Opened on the dragged step at 100%, as one edits a pipeline (every step legible).
        await page.goto(`/workspaces/bench/pipelines/${draft.id}?focus=${draft.dragged}`);
        await page.locator(`.react-flow__node[data-id="${draft.dragged}"]`).waitFor();
        await page.evaluate(SETTLED_IN_PAGE);
        const { times, renders } = await dragNode(page, draft.dragged, MOVES);
        samples[size.nodes].push(...times.slice(5));
        const allowed = new Set([`node:${draft.dragged}`, ...draft.edgesOfDragged.map((e) => `edge:${e}`)]);
        strayRenders[size.nodes].push(...Object.keys(renders).filter((key) => !allowed.has(key)));
        draggedRenders[size.nodes] += renders[`node:${draft.dragged}`] ?? 0;
        console.error(
          `run ${run + 1}, ${size.nodes} nodes: p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms; rendered ${Object.keys(renders).length} elements (${renders[`node:${draft.dragged}`] ?? 0} renders of the dragged node)`,
        );
      }
    }
    // For the record: the same drag with the whole graph in view (every node mounted, far too small to read).
    const fitAll: Record<number, number[]> = { 50: [], 500: [] };
    for (const size of sizes) {
      const draft = drafts[size.nodes];
      await page.goto(`/workspaces/bench/pipelines/${draft.id}`);
      // Fit view stops at a zoom where node text stays readable, which shows only part of these graphs:
      // zoom out with the canvas controls until every node is mounted.
      const mounted = page.locator(".react-flow__node");
      await mounted.first().waitFor();
      for (let i = 0; i < 40 && (await mounted.count()) < size.nodes; i++) {
        await page.getByRole("button", { name: "Zoom Out" }).click();
        await page.evaluate(TWO_FRAMES_IN_PAGE);
      }
      await mounted.nth(size.nodes - 1).waitFor();
      await page.evaluate(SETTLED_IN_PAGE);
      fitAll[size.nodes] = (await dragNode(page, draft.dragged, MOVES)).times.slice(5);
      console.error(
        `whole graph in view, ${size.nodes} nodes: p50 ${percentile(fitAll[size.nodes], 50).toFixed(2)} ms, p95 ${percentile(fitAll[size.nodes], 95).toFixed(2)} ms`,
      );
    }

    const p95 = (n: number) => percentile(samples[n], 95);
    const stray = [...new Set([...strayRenders[50], ...strayRenders[500]])];
    if (stray.length)
      console.error(
        `rendered though not dragged or attached to the dragged node: ${stray.slice(0, 10).join(", ")}${stray.length > 10 ? " …" : ""}`,
      );
    console.log(
      JSON.stringify({
        bench: "designer",
        moves: MOVES * RUNS,
        drag_p50_ms_50: round(percentile(samples[50], 50)),
        drag_p95_ms_50: round(p95(50)),
        drag_p50_ms_500: round(percentile(samples[500], 50)),
        drag_p95_ms_500: round(p95(500)),
        ratio: round(p95(500) / p95(50)),
        dragged_node_renders: draggedRenders[500],
        other_elements_rendered: stray.length,
        fit_all_drag_p95_ms_50: round(percentile(fitAll[50], 95)),
        fit_all_drag_p95_ms_500: round(percentile(fitAll[500], 95)),
        validate_5000_ms: round(validateMs),
      }),
    );
  } finally {
    await browser.close();
    await studio.stop();
  }
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
