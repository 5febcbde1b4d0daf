import "server-only";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Actor } from "@/server/auth/actor";
import { createEndpoint } from "@/server/endpoints/create-endpoint";
import { createDeployment } from "@/server/endpoints/deployments";

/**
 * Demo endpoints that really score once the studio is up: the iris ONNX model in dev and in prod, the
 * pickled breast-cancer tree behind an Azure ML style score.py (examples/score-breast-cancer), and a batch
 * endpoint for the iris data. Each is its endpoint's only deployment, so it takes all traffic (or is the
 * batch default) as soon as it comes up.
 */
export async function seedDemoEndpoints(scientist: Actor, admin: Actor): Promise<void> {
  await createEndpoint(scientist, "dev", {
    name: "iris-online",
    description: "Iris species from four measurements (ONNX, no code).",
  });
  await createDeployment(scientist, "dev", "iris-online", {
    name: "blue",
    model: "iris-classifier:1",
    description: "The first iris model.",
  });
  await createEndpoint(scientist, "dev", {
    name: "tumor-online",
    description: "Breast tumour classification by a decision tree, behind a Python entry script.",
  });
  await createDeployment(scientist, "dev", "tumor-online", {
    name: "tree-v2",
    model: "breast-cancer-tree:2",
    environment: "sklearn-env:2",
    scoringMethod: "python",
    scoringScript: "score.py",
    code: Object.fromEntries(
      ["score.py", "sample-request.json"].map((f) => [
        f,
        readFileSync(join(process.cwd(), "examples/score-breast-cancer", f), "utf8"),
      ]),
    ),
    dataCollectionPercent: 100,
  });
  await createEndpoint(scientist, "dev", {
    name: "iris-batch",
    kind: "batch",
    description:
      "Scores iris measurements in bulk: a CSV data asset in, its predictions out as a new data asset version.",
  });
  await createDeployment(scientist, "dev", "iris-batch", {
    name: "onnx",
    model: "iris-classifier:2",
    miniBatchSize: 50,
  });
  await createEndpoint(admin, "prod", { name: "iris-prod", description: "The iris model serving production." });
  await createDeployment(admin, "prod", "iris-prod", { name: "main", model: "iris-classifier:1" });
  // A challenger from the registry, trained by a job in dev: no live traffic until someone decides.
  await createDeployment(admin, "prod", "iris-prod", {
    name: "sgd",
    model: "registries/shared/iris-sgd:1",
    description: "SGD challenger from the registry; takes no live traffic yet.",
  });
}
