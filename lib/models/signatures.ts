import type { TensorSignature } from "@/lib/endpoints/tensors";
import type { MlflowSignature } from "@/lib/models/mlmodel-signature";

/** An ONNX model's inputs and outputs, as onnxruntime names their types. */
export type OnnxSignature = { inputs: TensorSignature[]; outputs: TensorSignature[] };

/** What a model version's files say about its contract (null: no such file). */
export type ModelSignatures = {
  onnx: { path: string; signature: OnnxSignature | null } | null;
  mlflow: { path: string; signature: MlflowSignature | { error: string } | null } | null;
};
