import "server-only";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { toComponentRef } from "@/lib/pipeline/component-ref";
import { autoLayout } from "@/lib/pipeline/layout";
import type { ComponentRef, PipelineEdge, PipelineGraph, PipelineNode } from "@/lib/pipeline/types";
import type { Actor } from "@/server/auth/actor";
import { artifactStore } from "@/server/artifacts/store";
import type { StoredAssetFile } from "@/server/assets/insert-asset-version";
import { registerComponent } from "@/server/components/register-component";
import { createPipeline } from "@/server/pipelines/create-pipeline";

// The demo's components (prisma/seed-assets/components: Azure ML command-component YAML and Python
// code) and a draft pipeline wired from them, ready to submit: split iris into train and test, train a
// classifier (metrics per epoch), evaluate it, register it, and score the test set.

const COMPONENTS = ["prepare_data", "train_model", "evaluate_model", "register_model", "batch_score"] as const;
/** Components whose code logs to the studio get the standard-library helper beside their scripts. */
const NEEDS_HELPER = new Set(["train_model", "evaluate_model"]);

async function componentFolder(name: string): Promise<StoredAssetFile[]> {
  const root = join(process.cwd(), "prisma/seed-assets/components", name);
  const files: StoredAssetFile[] = [];
  const walk = async (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) await walk(full);
      else files.push({ path: relative(root, full), ...(await artifactStore.putBuffer(readFileSync(full))) });
    }
  };
  await walk(root);
  if (NEEDS_HELPER.has(name))
    files.push({
      path: "src/mlops_studio.py",
      ...(await artifactStore.putBuffer(readFileSync(join(process.cwd(), "clients/python/mlops_studio.py")))),
    });
  return files;
}

export async function seedDemoPipeline(actor: Actor, workspace: string): Promise<void> {
  const scope = { kind: "workspace" as const, name: workspace };
  const refs = {} as Record<(typeof COMPONENTS)[number], ComponentRef>;
  for (const name of COMPONENTS) {
    const files = await componentFolder(name);
    const yaml = readFileSync(join(process.cwd(), "prisma/seed-assets/components", name, "component.yml"), "utf8");
    const { component } = await registerComponent(actor, scope, { yaml, yamlPath: "component.yml" }, files);
    refs[name] = toComponentRef(scope, component.version, component.spec);
  }
  const step = (id: string, component: ComponentRef): PipelineNode => ({
    kind: "step",
    id,
    position: { x: 0, y: 0 },
    component,
    bindings: {},
  });
  const edge = (source: string, sourcePort: string, target: string, targetPort: string): PipelineEdge => ({
    id: `e:${source}.${sourcePort}->${target}.${targetPort}`,
    source,
    sourcePort,
    target,
    targetPort,
  });
  const graph: PipelineGraph = {
    nodes: [
      {
        kind: "input",
        id: "input:raw_data",
        position: { x: 0, y: 0 },
        name: "raw_data",
        type: "uri_file",
        defaultData: "iris:1",
        optional: false,
        description: "The CSV to learn from",
      },
      {
        kind: "input",
        id: "input:epochs",
        position: { x: 0, y: 0 },
        name: "epochs",
        type: "integer",
        default: 30,
        optional: false,
      },
      step("prepare", refs.prepare_data),
      step("train", refs.train_model),
      step("evaluate", refs.evaluate_model),
      step("register", refs.register_model),
      step("score", refs.batch_score),
      { kind: "output", id: "output:report", position: { x: 0, y: 0 }, name: "report", type: "uri_folder" },
      { kind: "output", id: "output:predictions", position: { x: 0, y: 0 }, name: "predictions", type: "uri_folder" },
    ],
    edges: [
      edge("input:raw_data", "value", "prepare", "raw_data"),
      edge("input:epochs", "value", "train", "epochs"),
      edge("prepare", "train_data", "train", "train_data"),
      edge("train", "model", "evaluate", "model"),
      edge("prepare", "test_data", "evaluate", "test_data"),
      edge("train", "model", "register", "model"),
      edge("train", "model", "score", "model"),
      edge("prepare", "test_data", "score", "data"),
      edge("evaluate", "report", "output:report", "value"),
      edge("score", "predictions", "output:predictions", "value"),
    ],
    settings: { defaultCompute: "local" },
  };
  (graph.nodes.find((n) => n.id === "score") as Extract<PipelineNode, { kind: "step" }>).bindings = {
    label_column: { kind: "literal", value: "species" },
  };
  await createPipeline(actor, workspace, {
    name: "Iris: prepare, train, evaluate, register",
    description:
      "Splits the iris data, trains a classifier with metrics per epoch, evaluates it, registers it as iris-pipeline and scores the test set. Submit it as it is.",
    experimentName: "iris-pipeline",
    graph: autoLayout(graph, { direction: "TB" }),
  });
}
