import { parse } from "yaml";
import { z } from "zod";

// How an MLflow model can be served without code, read from its MLmodel file's flavors (as MLflow writes
// them: `flavors.sklearn.pickled_model` with `serialization_format`, `flavors.onnx.data`,
// `flavors.python_function.loader_module` with `data` and `code`). Paths are relative to the MLmodel's folder.

export type MlflowServing =
  | { kind: "onnx"; modelPath: string }
  | { kind: "sklearn"; modelPath: string; serialization: "pickle" | "cloudpickle" }
  | { kind: "pyfunc"; loaderModule: string; dataPath: string | null; codePath: string | null };

export type MlflowFlavors = { flavors: string[]; serving: MlflowServing | null; reason: string | null };

const relativePath = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith("/") && !p.split("/").includes(".."), "a path inside the model");

const mlmodelSchema = z.looseObject({
  flavors: z.record(z.string(), z.looseObject({}).nullable()),
});

const sklearnSchema = z.looseObject({
  pickled_model: relativePath,
  serialization_format: z.string().optional(),
});
const onnxSchema = z.looseObject({ data: relativePath });
const pyfuncSchema = z.looseObject({
  loader_module: z.string().regex(/^[A-Za-z_][\w.]*$/),
  data: relativePath.nullish(),
  code: relativePath.nullish(),
});

/**
 * The flavors of an MLmodel file and the one the studio serves it with: ONNX in-process when there is an onnx
 * flavor, else the pickled scikit-learn model, else a python_function loader module (which the deployment's
 * Python must be able to import). `reason` says why there is none.
 */
export function readMlflowFlavors(text: string): MlflowFlavors {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    return { flavors: [], serving: null, reason: `The MLmodel file is not valid YAML: ${firstLine(error)}` };
  }
  const model = mlmodelSchema.safeParse(doc);
  if (!model.success) return { flavors: [], serving: null, reason: "The MLmodel file names no flavors." };
  const flavors = Object.keys(model.data.flavors);
  const of = (name: string) => model.data.flavors[name] ?? null;
  const onnx = onnxSchema.safeParse(of("onnx"));
  if (onnx.success) return { flavors, serving: { kind: "onnx", modelPath: onnx.data.data }, reason: null };
  const sklearn = sklearnSchema.safeParse(of("sklearn"));
  if (sklearn.success) {
    const format = sklearn.data.serialization_format ?? "pickle";
    if (format === "pickle" || format === "cloudpickle")
      return {
        flavors,
        serving: { kind: "sklearn", modelPath: sklearn.data.pickled_model, serialization: format },
        reason: null,
      };
    return {
      flavors,
      serving: null,
      reason: `The sklearn flavor is serialized as "${format}"; the studio loads pickle and cloudpickle models.`,
    };
  }
  const pyfunc = pyfuncSchema.safeParse(of("python_function"));
  if (pyfunc.success && !pyfunc.data.loader_module.startsWith("mlflow."))
    return {
      flavors,
      serving: {
        kind: "pyfunc",
        loaderModule: pyfunc.data.loader_module,
        dataPath: pyfunc.data.data ?? null,
        codePath: pyfunc.data.code ?? null,
      },
      reason: null,
    };
  return {
    flavors,
    serving: null,
    reason: `No flavor the studio serves without code (sklearn, onnx, or python_function with a loader module of your own); this model has ${flavors.join(", ") || "none"}. Deploy it with an entry script.`,
  };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
}
