import "server-only";
import type { LiteralValue, PipelineGraph } from "@/lib/pipeline/types";

/** A value a step input receives: a literal, or files (a data asset version, or an upstream step's output). */
export type ResolvedValue =
  | { type: "literal"; value: LiteralValue }
  | {
      type: "data";
      asset: string;
      versionId: string | null;
      kind: "file" | "folder" | "table";
      files: { path: string; size: number; sha256: string }[];
      fromJob?: { job: string; output: string };
    };

/** What a pipeline job keeps in its `spec`: the graph as submitted and everything resolved at submit. */
export type PipelineJobSpec = {
  graph: PipelineGraph;
  /** The draft's revision that was submitted. */
  revision: number;
  /** Pipeline inputs by name. */
  inputs: Record<string, ResolvedValue>;
  /** Step bindings (literals and data asset versions), by step and input. */
  bindings: Record<string, Record<string, ResolvedValue>>;
  reuse: boolean;
  /** The steps in dependency order. */
  order: string[];
};
