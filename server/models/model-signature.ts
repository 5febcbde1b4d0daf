import "server-only";
import { isOnnxPath, MAX_MLMODEL_BYTES, mlmodelFileOf, shallowest } from "@/lib/models/model-files";
import { readFile } from "node:fs/promises";
import { blobPath } from "@/server/artifacts/store";
import { readOnnxSignature } from "@/server/models/onnx-signature";
import { readMlflowSignature } from "@/lib/models/mlmodel-signature";
import type { ModelSignatures, OnnxSignature } from "@/lib/models/signatures";

// What a model version's page shows of its contract: the ONNX file's inputs and outputs, and the
// signature of an MLflow MLmodel file. The caller has already checked that the actor may read the version.

/** Files are content-addressed, so a signature read once holds for every version sharing those bytes. */
const onnxCache = new Map<string, OnnxSignature | null>();
const ONNX_CACHE_SIZE = 200;

async function onnxSignatureOf(sha256: string): Promise<OnnxSignature | null> {
  if (onnxCache.has(sha256)) return onnxCache.get(sha256)!;
  const signature = await readOnnxSignature(blobPath(sha256));
  if (onnxCache.size >= ONNX_CACHE_SIZE) onnxCache.delete(onnxCache.keys().next().value!);
  onnxCache.set(sha256, signature);
  return signature;
}

export async function readModelSignatures(
  files: { path: string; sha256: string; size: number }[],
): Promise<ModelSignatures> {
  const onnxFile = shallowest(files, isOnnxPath);
  const mlmodelFile = mlmodelFileOf(files);
  return {
    onnx: onnxFile ? { path: onnxFile.path, signature: await onnxSignatureOf(onnxFile.sha256) } : null,
    mlflow: mlmodelFile
      ? {
          path: mlmodelFile.path,
          signature:
            mlmodelFile.size > MAX_MLMODEL_BYTES
              ? { error: "The MLmodel file is too large to read." }
              : readMlflowSignature(await readFile(blobPath(mlmodelFile.sha256), "utf8")),
        }
      : null,
  };
}
