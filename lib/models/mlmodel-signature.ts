import { parse } from "yaml";
import { z } from "zod";

// The signature an MLflow model carries in its MLmodel file: `signature.inputs`/`outputs`/`params` are
// JSON strings inside the YAML, either column-based ([{"name": "age", "type": "long"}]) or tensor-based
// ([{"type": "tensor", "tensor-spec": {"dtype": "float64", "shape": [-1, 4]}}]).

export type SignatureField = { name: string | null; type: string; shape: number[] | null; isRequired: boolean };
export type MlflowSignature = { inputs: SignatureField[]; outputs: SignatureField[]; params: SignatureField[] };

const fieldSchema = z.looseObject({
  name: z.union([z.string(), z.number()]).optional(),
  type: z.string(),
  required: z.boolean().optional(),
  "tensor-spec": z.object({ dtype: z.string(), shape: z.array(z.number()) }).optional(),
  shape: z.array(z.number()).nullable().optional(),
});

const mlmodelSchema = z.looseObject({
  signature: z
    .looseObject({
      inputs: z.string().nullable().optional(),
      outputs: z.string().nullable().optional(),
      params: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
});

function fields(json: string | null | undefined): SignatureField[] | null {
  if (json == null) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = z.array(fieldSchema).safeParse(raw);
  if (!parsed.success) return null;
  return parsed.data.map((f) => ({
    name: f.name === undefined ? null : String(f.name),
    type: f["tensor-spec"] ? `tensor ${f["tensor-spec"].dtype}` : f.type,
    shape: f["tensor-spec"]?.shape ?? f.shape ?? null,
    isRequired: f.required ?? true,
  }));
}

/**
 * The signature of an MLmodel file's text: `null` when there is none; `{error}` when it is there but
 * cannot be read (so the page says so instead of pretending the model has none).
 */
export function readMlflowSignature(text: string): MlflowSignature | { error: string } | null {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    return { error: `The MLmodel file is not valid YAML: ${(error as Error).message.split("\n")[0]}` };
  }
  const model = mlmodelSchema.safeParse(doc);
  if (!model.success) return { error: "The MLmodel file's signature is not in MLflow's format." };
  const signature = model.data.signature;
  if (!signature) return null;
  const inputs = fields(signature.inputs);
  const outputs = fields(signature.outputs);
  const params = fields(signature.params);
  if (!inputs || !outputs || !params) return { error: "The MLmodel file's signature is not in MLflow's format." };
  return { inputs, outputs, params };
}
