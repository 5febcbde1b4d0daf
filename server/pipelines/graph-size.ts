import "server-only";
import { AppError } from "@/lib/errors";
import { MAX_PIPELINE_GRAPH_BYTES } from "@/lib/schemas/pipelines";

/** The stored JSON of a graph is capped: the designer loads and autosaves it whole. */
export function checkGraphSize(json: string): void {
  if (Buffer.byteLength(json) > MAX_PIPELINE_GRAPH_BYTES) {
    throw new AppError(
      "too_large",
      `The pipeline graph is larger than ${MAX_PIPELINE_GRAPH_BYTES / (1024 * 1024)} MiB.`,
    );
  }
}
