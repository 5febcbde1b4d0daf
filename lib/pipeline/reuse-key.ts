// Server-only (node:crypto): keys are computed when a pipeline job advances, never in the browser.
import "server-only";
import { createHash } from "node:crypto";
import type { LiteralValue } from "@/lib/pipeline/types";
import { canonicalJson, type Json } from "@/lib/canonical-json";

// Step reuse: a step whose key equals that of an earlier successful step takes that step's outputs instead
// of running again. The key says what determines a step's outputs, and nothing else:
//   - the component version: where it lives (`scope`, e.g. `workspace/demo` or `registry/shared`), its
//     name and version. A version is immutable (command, code, interface), so it stands for all of them.
//   - the environment it runs in, resolved to one version, when the caller gives it: a component that
//     names `env@latest` would otherwise keep reusing outputs made under an older environment.
//   - every input the step receives, by name: a literal value as the command will see it (typed: 3 and
//     "3" differ, so callers pass values normalised by `parseLiteral`), or a data input's content: the
//     list of its files with their SHA-256, in path order, so the same bytes under the same paths give
//     the same key wherever they came from (an upload, another step's output, a data asset version).
//     Inputs left out (an optional input not given) are absent, not null.
// Not in the key: names of the pipeline, step or job, output locations, display names, timestamps.
// The key is `v1:` and the SHA-256 of the canonical JSON of the above (object keys sorted at every level).

export type FileDigest = { path: string; sha256: string };

export type ResolvedInput = { kind: "literal"; value: LiteralValue } | { kind: "data"; files: readonly FileDigest[] };

export type ReuseKeyParts = {
  component: { scope: string; name: string; version: number };
  inputs: Readonly<Record<string, ResolvedInput>>;
  /** The resolved environment version (`name:3`), when the step has one. */
  environment?: string | null;
};

function inputJson(input: ResolvedInput): Json {
  if (input.kind === "literal") return { kind: "literal", value: input.value };
  const files = input.files
    .map((f) => ({ path: f.path, sha256: f.sha256.toLowerCase() }))
    .sort((a, b) =>
      a.path < b.path ? -1 : a.path > b.path ? 1 : a.sha256 < b.sha256 ? -1 : a.sha256 > b.sha256 ? 1 : 0,
    );
  return { kind: "data", files };
}

export function reuseKey(parts: ReuseKeyParts): string {
  const inputs: Record<string, Json> = {};
  for (const [name, input] of Object.entries(parts.inputs)) inputs[name] = inputJson(input);
  const { scope, name, version } = parts.component;
  const doc: Json = { component: { scope, name, version }, environment: parts.environment ?? null, inputs };
  return `v1:${sha256Hex(canonicalJson(doc))}`;
}

function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
