import "server-only";
import { MAX_MLMODEL_BYTES, mlmodelFileOf } from "@/lib/models/model-files";
import { readFile } from "node:fs/promises";
import { join, posix } from "node:path";
import { invalid } from "@/lib/errors";
import { readMlflowFlavors, type MlflowServing } from "@/lib/models/mlflow-flavors";
import { readMlflowSignature, type SignatureField } from "@/lib/models/mlmodel-signature";
import { blobPath } from "@/server/artifacts/store";

// MLflow models deployed without code, as Azure ML's no-code deployments: the MLmodel file says how to load the
// model. An onnx flavor is served by the studio's ONNX runtime; a pickled scikit-learn model or a python_function
// loader module by the studio's own scoring script (hosts/mlflow_score.py), given a config of what to load and the
// input signature to check requests against.

export const MLFLOW_SCORER = "mlflow_score.py";
export const MLFLOW_SCORER_CONFIG = "studio_mlflow.json";
const SCORER_SOURCE = join(process.cwd(), "server/runtime/scoring/hosts", MLFLOW_SCORER);

type ModelFile = { path: string; sha256: string; size: number };

/** The input signature as the scorer checks it: named columns with MLflow types, or a tensor's row width. */
type ScorerSignature =
  | { kind: "columns"; inputs: { name: string; type: string; required: boolean }[] }
  | { kind: "tensor"; width: number | null };

export type MlflowDeployment =
  { method: "onnx" } | { method: "mlflow"; code: Record<string, string>; scoringScript: string };

/** How a model version is deployed without code, or a 422 saying why it cannot be. */
export async function planMlflowDeployment(label: string, files: ModelFile[]): Promise<MlflowDeployment> {
  const mlmodel = mlmodelFileOf(files);
  if (!mlmodel)
    throw invalid(`Model ${label} has no MLmodel file, so it is not an MLflow model; deploy it with an entry script.`, {
      field: "scoringMethod",
    });
  if (mlmodel.size > MAX_MLMODEL_BYTES) throw invalid(`The MLmodel file of ${label} is too large to read.`);
  const text = await readFile(blobPath(mlmodel.sha256), "utf8");
  const { serving, reason } = readMlflowFlavors(text);
  if (!serving) throw invalid(`Model ${label}: ${reason}`, { field: "scoringMethod" });
  const root = posix.dirname(mlmodel.path) === "." ? "" : posix.dirname(mlmodel.path);
  const inModel = (path: string | null) => (path === null ? null : root ? `${root}/${path}` : path);
  const needed = serving.kind === "pyfunc" ? serving.dataPath : serving.modelPath;
  if (needed !== null && !files.some((f) => f.path === inModel(needed) || f.path.startsWith(`${inModel(needed)}/`)))
    throw invalid(`Model ${label}: its MLmodel names ${needed}, which the version does not hold.`, {
      field: "scoringMethod",
    });
  if (serving.kind === "onnx") return { method: "onnx" };
  const config = { root, serving: serving satisfies MlflowServing, signature: scorerSignature(text) };
  return {
    method: "mlflow",
    scoringScript: MLFLOW_SCORER,
    code: {
      [MLFLOW_SCORER]: await readFile(SCORER_SOURCE, "utf8"),
      [MLFLOW_SCORER_CONFIG]: `${JSON.stringify(config, null, 2)}\n`,
    },
  };
}

function scorerSignature(mlmodel: string): ScorerSignature | null {
  const signature = readMlflowSignature(mlmodel);
  if (!signature || "error" in signature || !signature.inputs.length) return null;
  const inputs = signature.inputs;
  if (inputs.some((f: SignatureField) => f.type.startsWith("tensor"))) {
    const shape = inputs.length === 1 ? inputs[0]!.shape : null;
    return { kind: "tensor", width: shape && shape.length === 2 && shape[1]! > 0 ? shape[1]! : null };
  }
  if (inputs.some((f) => f.name === null)) return null;
  return { kind: "columns", inputs: inputs.map((f) => ({ name: f.name!, type: f.type, required: f.isRequired })) };
}
