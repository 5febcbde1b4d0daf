import { edgeId } from "@/lib/pipeline/graph-edit";
import type {
  ComponentRef,
  PipelineEdge,
  PipelineGraph,
  PipelineInputNode,
  PipelineNode,
  PipelineOutputNode,
  StepNode,
} from "@/lib/pipeline/types";
import { VALUE_PORT } from "@/lib/pipeline/types";

// Large valid pipelines for tests and benchmarks: a layered random DAG, the same for the same seed.
// Steps are spread over layers; every step after the first layer is fed by a step of an earlier layer
// (mostly the one just before), extra edges feed the optional inputs until the edge count is reached,
// first-layer steps read a pipeline input, the last layer feeds the pipeline outputs. Every required
// input is fed or bound, so the graph validates with no issue.

export type GenerateOptions = {
  /** All nodes, pipeline inputs and outputs included. */
  nodes: number;
  /** About this many edges (fewer if the optional inputs run out). */
  edges: number;
  seed?: number;
  /** Default: about √steps. */
  layers?: number;
  inputs?: number;
  outputs?: number;
  /** Where the nodes are put before any layout: a grid by layer, `spacing` apart. */
  spacing?: { x: number; y: number };
};

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EXTRA_INPUTS = 4;

/** The component every generated step uses: one required data input, optional ones, parameters, two outputs. */
export const GENERATED_COMPONENT: ComponentRef = {
  scopeKind: "workspace",
  scopeName: "bench",
  name: "transform",
  version: 1,
  displayName: "Transform",
  inputs: [
    { name: "data", type: "uri_folder", optional: false },
    ...Array.from({ length: EXTRA_INPUTS }, (_, i) => ({
      name: `extra_${i + 1}`,
      type: "uri_folder" as const,
      optional: true,
    })),
    { name: "epochs", type: "integer", optional: false, min: 1, max: 1000 },
    { name: "learning_rate", type: "number", optional: false, default: 0.01 },
  ],
  outputs: [
    { name: "result", type: "uri_folder" },
    { name: "model", type: "mlflow_model" },
  ],
  isDeterministic: true,
};

export function generateGraph(options: GenerateOptions): PipelineGraph {
  const random = seededRandom(options.seed ?? 1);
  const pick = (n: number) => Math.floor(random() * n);
  const inputCount = Math.max(1, options.inputs ?? 2);
  const outputCount = Math.max(0, options.outputs ?? 2);
  const stepCount = Math.max(1, options.nodes - inputCount - outputCount);
  const layerCount = Math.max(1, Math.min(stepCount, options.layers ?? Math.round(Math.sqrt(stepCount))));
  const spacing = options.spacing ?? { x: 280, y: 160 };

  // Layer of each step: an even split, so every layer has at least one step.
  const layers: number[][] = Array.from({ length: layerCount }, () => []);
  for (let i = 0; i < stepCount; i++) layers[Math.floor((i * layerCount) / stepCount)].push(i);
  const stepId = (i: number) => `step_${i + 1}`;

  const inputs: PipelineInputNode[] = Array.from({ length: inputCount }, (_, i) => ({
    kind: "input",
    id: `input:data_${i + 1}`,
    position: { x: i * spacing.x, y: -spacing.y },
    name: `data_${i + 1}`,
    type: "uri_folder",
    optional: false,
    defaultData: `dataset_${i + 1}:1`,
  }));
  const steps: StepNode[] = [];
  layers.forEach((layer, l) =>
    layer.forEach((i, k) =>
      steps.push({
        kind: "step",
        id: stepId(i),
        position: { x: k * spacing.x, y: l * spacing.y },
        component: GENERATED_COMPONENT,
        bindings: { epochs: { kind: "literal", value: 1 + pick(100) } },
      }),
    ),
  );
  const outputs: PipelineOutputNode[] = Array.from({ length: outputCount }, (_, i) => ({
    kind: "output",
    id: `output:out_${i + 1}`,
    position: { x: i * spacing.x, y: layerCount * spacing.y },
    name: `out_${i + 1}`,
    type: "uri_folder",
  }));

  const edges: PipelineEdge[] = [];
  const link = (source: string, sourcePort: string, target: string, targetPort: string) =>
    edges.push({ id: edgeId({ source, sourcePort, target, targetPort }), source, sourcePort, target, targetPort });
  const sourcePort = () => (random() < 0.8 ? "result" : "model");
  const layerOf = new Int32Array(stepCount);
  layers.forEach((layer, l) => layer.forEach((i) => (layerOf[i] = l)));
  // An earlier layer than `l`: the one just before most of the time, sometimes further back.
  const earlierLayer = (l: number) => (random() < 0.7 ? l - 1 : pick(l));

  for (const i of layers[0]) link(inputs[pick(inputCount)].id, VALUE_PORT, stepId(i), "data");
  for (let l = 1; l < layerCount; l++) {
    for (const i of layers[l]) {
      const from = layers[earlierLayer(l)];
      link(stepId(from[pick(from.length)]), sourcePort(), stepId(i), "data");
    }
  }
  const target = Math.max(edges.length, options.edges - outputCount);
  const usedExtras = new Uint8Array(stepCount);
  let attempts = 0;
  while (edges.length < target && layerCount > 1 && attempts++ < target * 20) {
    const i = pick(stepCount);
    if (layerOf[i] === 0 || usedExtras[i] >= EXTRA_INPUTS) continue;
    const from = layers[earlierLayer(layerOf[i])];
    link(stepId(from[pick(from.length)]), sourcePort(), stepId(i), `extra_${++usedExtras[i]}`);
  }
  const last = layers[layerCount - 1];
  outputs.forEach((o, k) => link(stepId(last[k % last.length]), "result", o.id, VALUE_PORT));

  const nodes: PipelineNode[] = [...inputs, ...steps, ...outputs];
  return { nodes, edges, settings: { defaultCompute: "local" } };
}
