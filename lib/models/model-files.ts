// Which files of a model version say what it is: its MLmodel (an MLflow model) and its ONNX file. One rule for
// the registry, the deployment form, no-code deployments and the version page.

/** An MLmodel larger than this is not read (it is a small YAML file). */
export const MAX_MLMODEL_BYTES = 1 << 20;

export const isMlmodelPath = (path: string) => path === "MLmodel" || path.endsWith("/MLmodel");
export const isOnnxPath = (path: string) => path.toLowerCase().endsWith(".onnx");

/** The shallowest file that matches, so `model.onnx` wins over `checkpoints/old/model.onnx`. */
export function shallowest<T extends { path: string }>(files: T[], matches: (path: string) => boolean): T | undefined {
  return files
    .filter((f) => matches(f.path))
    .sort((a, b) => a.path.split("/").length - b.path.split("/").length || a.path.localeCompare(b.path))[0];
}

/** The version's MLmodel file (the shallowest), if it is an MLflow model. */
export const mlmodelFileOf = <T extends { path: string }>(files: T[]) => shallowest(files, isMlmodelPath);
