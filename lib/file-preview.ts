// How a stored file is shown inline: as a table (CSV), as highlighted text in a language, or not at all
// (binary formats, which are only downloaded). Decided from the name first, then from the bytes.

export type PreviewKind =
  | { kind: "table"; delimiter: "," | "\t" }
  | { kind: "text"; language: HighlightLanguage | null; isJson: boolean }
  | { kind: "binary" };

export type HighlightLanguage =
  "python" | "yaml" | "json" | "bash" | "javascript" | "typescript" | "ini" | "dockerfile";

/** Bytes fetched for a preview: enough for any config or script, a sample of a big CSV or log. */
export const PREVIEW_BYTES = 256 * 1024;
/** Rows of a CSV shown inline. */
export const PREVIEW_ROWS = 50;

const BINARY =
  /\.(onnx|pkl|pickle|joblib|bin|pt|pth|h5|hdf5|npy|npz|parquet|zip|gz|tgz|tar|whl|so|pb|tflite|safetensors|png|jpe?g|gif|pdf|xlsx?)$/i;

const BY_EXTENSION: Record<string, HighlightLanguage> = {
  py: "python",
  yaml: "yaml",
  yml: "yaml",
  json: "json",
  sh: "bash",
  bash: "bash",
  js: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  ts: "typescript",
  ini: "ini",
  cfg: "ini",
  toml: "ini",
};

const BY_NAME: Record<string, HighlightLanguage> = { MLmodel: "yaml", Dockerfile: "dockerfile", Makefile: "bash" };

export function previewKindOf(path: string): PreviewKind {
  const name = path.split("/").pop() ?? path;
  if (BINARY.test(name)) return { kind: "binary" };
  const extension = name.includes(".") ? name.split(".").pop()!.toLowerCase() : "";
  if (extension === "csv") return { kind: "table", delimiter: "," };
  if (extension === "tsv") return { kind: "table", delimiter: "\t" };
  const language = BY_NAME[name] ?? BY_EXTENSION[extension] ?? null;
  return { kind: "text", language, isJson: language === "json" };
}

/** Text files have no NUL bytes; anything with one in its first 8 KiB is shown as binary. */
export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8192).includes(0);
}

/** A truncated CSV ends mid-row: only whole lines are shown. */
export function wholeLines(text: string, isTruncated: boolean): string {
  if (!isTruncated) return text;
  const end = text.lastIndexOf("\n");
  return end === -1 ? "" : text.slice(0, end + 1);
}
